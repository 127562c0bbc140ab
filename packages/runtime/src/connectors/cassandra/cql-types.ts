import type * as CassandraDriver from 'cassandra-driver'
import type { types as driverTypes } from 'cassandra-driver'
import { lazyModule } from '../../lazy-module.js'

const driver = lazyModule<typeof CassandraDriver>('cassandra-driver')
import { Float64, isConnectMap, type ConnectValue } from '../../records/connect-value.js'
import type { FieldKind } from './cassandra-sink-config.js'

/**
 * What the sink can write into each CQL type, and the conversion from a record value (JSON-like
 * `ConnectValue`) to what cassandra-driver encodes for that type.
 */

/** The base of a CQL type as system_schema.columns spells it: `frozen<list<text>>` -> `list`. */
export function baseType(cqlType: string): string {
  let t = cqlType.trim().toLowerCase()
  while (t.startsWith('frozen<') && t.endsWith('>')) t = t.slice('frozen<'.length, -1).trim()
  const lt = t.indexOf('<')
  return lt < 0 ? t : t.slice(0, lt)
}

const STRINGY = ['ascii', 'text', 'varchar', 'inet', 'uuid', 'timeuuid', 'date', 'time', 'timestamp', 'blob', 'decimal', 'bigint', 'varint']
const NUMERIC = ['int', 'smallint', 'tinyint', 'bigint', 'varint', 'float', 'double', 'decimal', 'timestamp', 'text', 'varchar', 'ascii']

/** Which CQL base types accept a field of each JSON kind. */
const ACCEPTS: Readonly<Record<FieldKind, readonly string[]>> = {
  string: [...STRINGY, 'int', 'smallint', 'tinyint', 'float', 'double', 'boolean'],
  number: NUMERIC,
  boolean: ['boolean', 'text', 'varchar', 'ascii'],
  object: ['map', 'text', 'varchar', 'ascii'],
  array: ['list', 'set', 'tuple', 'vector', 'text', 'varchar', 'ascii'],
}

/** CQL types an INSERT cannot write (counters need UPDATE; durations have no JSON form here). */
const UNWRITABLE: Readonly<Record<string, string>> = {
  counter: 'counter columns can only be changed by UPDATE ... SET c = c + n, not by INSERT',
  duration: 'duration columns are not supported by the pipe cassandra sink',
}

/** Why `cqlType` cannot take a field of `kind` (undefined when it can). */
export function incompatibility(cqlType: string, kind: FieldKind | undefined): string | undefined {
  const base = baseType(cqlType)
  const unwritable = UNWRITABLE[base]
  if (unwritable !== undefined) return unwritable
  if (kind === undefined) return undefined
  const isUdt = !KNOWN_BASES.has(base)
  if (isUdt && kind === 'object') return undefined
  return ACCEPTS[kind].includes(base) ? undefined : `a ${kind} field cannot be written into a ${cqlType} column`
}

const KNOWN_BASES = new Set([...STRINGY, ...NUMERIC, 'boolean', 'map', 'list', 'set', 'tuple', 'vector', 'counter', 'duration'])

function asText(value: ConnectValue): string {
  if (typeof value === 'string') return value
  if (value instanceof Float64) return String(value.value)
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Float64 ? v.value : v))
}

function asNumber(value: ConnectValue): number {
  if (value instanceof Float64) return value.value
  if (typeof value === 'number') return value
  const n = Number(asText(value))
  if (Number.isNaN(n)) throw new TypeError(`'${asText(value).slice(0, 40)}' is not a number`)
  return n
}

function asTimestamp(value: ConnectValue): Date {
  const date = typeof value === 'string' && !/^\d+$/.test(value) ? new Date(value) : new Date(asNumber(value))
  if (Number.isNaN(date.getTime())) throw new TypeError(`'${asText(value).slice(0, 40)}' is not a timestamp`)
  return date
}

/** Converts one record value for a column of `cqlType`; `undefined` (field absent) leaves the cell unset. */
export function toCql(value: ConnectValue | undefined, cqlType: string): unknown {
  const types: typeof driverTypes = driver().types
  if (value === undefined) return types.unset
  if (value === null) return null
  switch (baseType(cqlType)) {
    case 'ascii': case 'text': case 'varchar':
      return asText(value)
    case 'bigint': case 'counter':
      return typeof value === 'number' ? types.Long.fromNumber(value) : types.Long.fromString(asText(value))
    case 'varint':
      return types.Integer.fromString(asText(value))
    case 'decimal':
      return types.BigDecimal.fromString(asText(value))
    case 'int': case 'smallint': case 'tinyint': case 'float': case 'double':
      return asNumber(value)
    case 'boolean':
      return typeof value === 'boolean' ? value : asText(value) === 'true'
    case 'timestamp':
      return asTimestamp(value)
    case 'date':
      return types.LocalDate.fromString(asText(value).slice(0, 10))
    case 'uuid':
      return types.Uuid.fromString(asText(value))
    case 'timeuuid':
      return types.TimeUuid.fromString(asText(value))
    case 'blob':
      return value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(asText(value), 'base64')
    default:
      return plain(value)
  }
}

/** Collections and UDTs: plain JS values, driver-encoded with the prepared statement's types. */
function plain(value: ConnectValue): unknown {
  if (value instanceof Float64) return value.value
  if (Array.isArray(value)) return value.map((v: ConnectValue) => plain(v))
  if (isConnectMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  return value
}
