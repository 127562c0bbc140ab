import type { ConnectRecord } from '../records/connect-record.js'
import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectMap, ConnectValue } from '../records/connect-value.js'
import type { ConnectField, ConnectSchema } from '../records/connect-schema.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import { ConfigException, DataException } from '../java/kafka-exceptions.js'

export { ConfigException, DataException }

/** Which part of the record a `$Key` / `$Value` SMT works on. */
export type RecordPart = 'key' | 'value'


/** The key or value of a record. */
export function partOf(record: ConnectRecord, part: RecordPart): ConnectValue {
  return part === 'key' ? record.key : record.value
}

/** The schema of the key or value (`null` when schemaless). */
export function schemaOf(record: ConnectRecord, part: RecordPart): ConnectSchema | null {
  return (part === 'key' ? record.keySchema : record.valueSchema) ?? null
}

/** A copy of `record` with a new key or value (and its schema, `null` = schemaless). */
export function withPart<R extends ConnectRecord>(record: R, part: RecordPart, value: ConnectValue, schema: ConnectSchema | null = null): R {
  return part === 'key' ? { ...record, key: value, keySchema: schema } : { ...record, value, valueSchema: schema }
}

/** Java's class name for a schemaless value, as Kafka's error messages print it. */
export function javaClassName(value: ConnectValue | undefined): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return 'java.lang.String'
  if (typeof value === 'boolean') return 'java.lang.Boolean'
  if (typeof value === 'bigint') return 'java.lang.Long'
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'java.lang.Long' : 'java.lang.Double'
  if (value instanceof Float64) return 'java.lang.Double'
  if (value instanceof Float32) return 'java.lang.Float'
  if (value instanceof Uint8Array) return '[B'
  return Array.isArray(value) ? 'java.util.ArrayList' : 'java.util.HashMap'
}

/** Kafka's `Requirements.requireMap`. */
export function requireMap(value: ConnectValue, purpose: string): ConnectMap {
  if (!isConnectMap(value)) {
    throw new DataException(`Only Map objects supported in absence of schema for [${purpose}], found: ${javaClassName(value)}`)
  }
  return value
}

/** A string key of the transform's config; `undefined` when absent. */
export function optionalString(config: ConnectorConfig, key: string): string | undefined {
  return config[key]
}

/** A required string key. */
export function requiredString(config: ConnectorConfig, key: string): string {
  const value = config[key]
  if (value === undefined) throw new ConfigException(`Missing required configuration "${key}" which has no default value.`)
  return value
}

/** A LIST key as ConfigDef parses it: comma-separated, trimmed, empty string = empty list. */
export function listOf(config: ConnectorConfig, key: string, required = false): string[] {
  const raw = required ? requiredString(config, key) : (config[key] ?? '')
  return raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim())
}

/** A BOOLEAN key (`true`/`false`, case-insensitive). */
export function booleanOf(config: ConnectorConfig, key: string, defaultValue: boolean): boolean {
  const raw = config[key]?.trim().toLowerCase()
  if (raw === undefined) return defaultValue
  if (raw !== 'true' && raw !== 'false') throw new ConfigException(`Invalid value ${raw} for configuration ${key}: Expected value to be either true or false`)
  return raw === 'true'
}

/** A struct: a map whose keys follow its schema's fields (`null` for fields without a value). */
export interface StructValue {
  readonly value: ConnectMap
  readonly schema: ConnectSchema & { readonly fields: readonly ConnectField[] }
}

/** Kafka's `Requirements.requireStruct` for a value that has a schema. */
export function requireStruct(value: ConnectValue, schema: ConnectSchema, purpose: string): StructValue {
  if (schema.type !== 'struct' || schema.fields === undefined || !isConnectMap(value)) {
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${javaClassName(value)}`)
  }
  return { value, schema: { ...schema, fields: schema.fields } }
}

/** `SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct())` with `fields`: name, version, doc and parameters kept, required. */
export function structSchema(base: ConnectSchema, fields: readonly ConnectField[]): ConnectSchema {
  const { name, version, doc, parameters } = base
  return {
    type: 'struct', optional: false, fields,
    ...(name === undefined ? {} : { name }), ...(version === undefined ? {} : { version }),
    ...(doc === undefined ? {} : { doc }), ...(parameters === undefined ? {} : { parameters }),
  }
}

/** A struct value in its schema's field order, from a lookup of field values (absent = null). */
export function structValue(fields: readonly ConnectField[], valueOf: (field: string) => ConnectValue | undefined): ConnectMap {
  return Object.fromEntries(fields.map((f) => [f.field, valueOf(f.field) ?? null]))
}

/** Connect's primitive schemas that SMTs add to structs. */
export const SCHEMAS = {
  string: (optional: boolean): ConnectSchema => ({ type: 'string', optional }),
  int32: (optional: boolean): ConnectSchema => ({ type: 'int32', optional }),
  int64: (optional: boolean): ConnectSchema => ({ type: 'int64', optional }),
  timestamp: (optional: boolean): ConnectSchema => ({ type: 'int64', optional, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 }),
} as const
