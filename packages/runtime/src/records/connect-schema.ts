import type { ConnectValue } from './connect-value.js'

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
