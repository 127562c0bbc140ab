import type { ConnectValue } from '../records/connect-value.js'
import { jsonString, toJsonText } from './json-text.js'

/** Kafka Connect schema types, as JsonConverter names them. */
export type SchemaType =
  | 'boolean' | 'int8' | 'int16' | 'int32' | 'int64' | 'float' | 'double'
  | 'bytes' | 'string' | 'array' | 'map' | 'struct'

/** A Kafka Connect schema (the subset JsonConverter envelopes carry). */
export interface ConnectSchema {
  readonly type: SchemaType
  readonly optional: boolean
  readonly name?: string
  readonly version?: number
  readonly doc?: string
  readonly parameters?: Readonly<Record<string, string>>
  readonly defaultValue?: ConnectValue
  readonly items?: ConnectSchema
  readonly keys?: ConnectSchema
  readonly values?: ConnectSchema
  readonly fields?: readonly ConnectField[]
}

/** A struct field: its name and schema. */
export interface ConnectField {
  readonly field: string
  readonly schema: ConnectSchema
}

/** The schema of FileStream source values: a required string. */
export const STRING_SCHEMA: ConnectSchema = { type: 'string', optional: false }

/** JSON for a schema in JsonConverter's key order: type, children, optional, name, version, doc, parameters, default. */
export function schemaJson(schema: ConnectSchema, fieldName?: string): string {
  const parts = [`"type":${jsonString(schema.type)}`]
  if (schema.items !== undefined) parts.push(`"items":${schemaJson(schema.items)}`)
  if (schema.keys !== undefined) parts.push(`"keys":${schemaJson(schema.keys)}`)
  if (schema.values !== undefined) parts.push(`"values":${schemaJson(schema.values)}`)
  if (schema.fields !== undefined) {
    parts.push(`"fields":[${schema.fields.map((f) => schemaJson(f.schema, f.field)).join(',')}]`)
  }
  parts.push(`"optional":${schema.optional ? 'true' : 'false'}`)
  if (schema.name !== undefined) parts.push(`"name":${jsonString(schema.name)}`)
  if (schema.version !== undefined) parts.push(`"version":${schema.version}`)
  if (schema.doc !== undefined) parts.push(`"doc":${jsonString(schema.doc)}`)
  if (schema.parameters !== undefined) parts.push(`"parameters":${toJsonText(schema.parameters)}`)
  if (schema.defaultValue !== undefined) parts.push(`"default":${toJsonText(schema.defaultValue)}`)
  if (fieldName !== undefined) parts.push(`"field":${jsonString(fieldName)}`)
  return `{${parts.join(',')}}`
}
