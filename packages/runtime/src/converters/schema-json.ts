import type { ConnectSchema } from '../records/connect-schema.js'
import { jsonString, toJsonText } from './json-text.js'

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
