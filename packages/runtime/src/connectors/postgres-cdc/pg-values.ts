import type { ConnectSchema } from '../../records/connect-schema.js'
import { Float32, Float64, type ConnectValue } from '../../records/connect-value.js'

/** A column as both the catalog and pgoutput's relation message describe it. */
export interface PgColumn {
  readonly name: string
  readonly typeOid: number
  /** `atttypmod`: precision/scale of numeric, precision of timestamps; -1 when none */
  readonly typeMod: number
  readonly optional: boolean
}

/** PostgreSQL type oids pipe maps as Debezium does (`pg_type.oid`, stable across versions). */
export const PG_TYPES = {
  bool: 16, bytea: 17, int8: 20, int2: 21, int4: 23, text: 25, json: 114, float4: 700, float8: 701,
  date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184, numeric: 1700, uuid: 2950, jsonb: 3802,
} as const

const T = PG_TYPES

/** Debezium's placeholder for an unchanged TOASTed value that pgoutput does not send. */
export const UNAVAILABLE_VALUE = '__debezium_unavailable_value'

function named(type: ConnectSchema['type'], optional: boolean, name: string, version?: number, parameters?: Record<string, string>): ConnectSchema {
  return { type, optional, name, ...(version === undefined ? {} : { version }), ...(parameters === undefined ? {} : { parameters }) }
}

/** numeric(p, s) from its typmod, or undefined for an unconstrained numeric. */
function numericScale(typeMod: number): { precision: number; scale: number } | undefined {
  if (typeMod < 4) return undefined
  const packed = typeMod - 4
  return { precision: (packed >> 16) & 0xffff, scale: packed & 0xffff }
}

/**
 * The Kafka Connect schema Debezium's PostgreSQL connector gives a column (its defaults:
 * `decimal.handling.mode=precise`, `time.precision.mode=adaptive`); unknown types are strings.
 *
 * @example
 * columnSchema({ name: 'id', typeOid: 23, typeMod: -1, optional: false }) // { type: 'int32', optional: false }
 */
export function columnSchema(column: PgColumn): ConnectSchema {
  const optional = column.optional
  switch (column.typeOid) {
    case T.bool: return { type: 'boolean', optional }
    case T.int2: return { type: 'int16', optional }
    case T.int4: return { type: 'int32', optional }
    case T.int8: return { type: 'int64', optional }
    case T.float4: return { type: 'float', optional }
    case T.float8: return { type: 'double', optional }
    case T.bytea: return { type: 'bytes', optional }
    case T.date: return named('int32', optional, 'io.debezium.time.Date', 1)
    case T.time: return named('int64', optional, 'io.debezium.time.MicroTime', 1)
    case T.timestamp: {
      const precision = column.typeMod < 0 ? 6 : column.typeMod
      return precision <= 3 ? named('int64', optional, 'io.debezium.time.Timestamp', 1) : named('int64', optional, 'io.debezium.time.MicroTimestamp', 1)
    }
    case T.timestamptz: return named('string', optional, 'io.debezium.time.ZonedTimestamp', 1)
    case T.uuid: return named('string', optional, 'io.debezium.data.Uuid', 1)
    case T.json:
    case T.jsonb: return named('string', optional, 'io.debezium.data.Json', 1)
    case T.numeric: {
      const ps = numericScale(column.typeMod)
      if (ps === undefined) {
        return {
          type: 'struct', optional, name: 'io.debezium.data.VariableScaleDecimal', version: 1, doc: 'Variable scaled decimal',
          fields: [{ field: 'scale', schema: { type: 'int32', optional: false } }, { field: 'value', schema: { type: 'bytes', optional: false } }],
        }
      }
      return named('bytes', optional, 'org.apache.kafka.connect.data.Decimal', 1, { scale: String(ps.scale), 'connect.decimal.precision': String(ps.precision) })
    }
    default: return { type: 'string', optional }
  }
}

/** An int64 as a number when it is safe, else a bigint. */
function int64(text: string): number | bigint {
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : BigInt(text)
}

/** The two's complement big-endian bytes of `n` (Java `BigInteger.toByteArray`). */
export function twosComplement(n: bigint): Uint8Array {
  const bytes: number[] = []
  let v = n
  for (;;) {
    const byte = Number(v & 0xffn)
    bytes.unshift(byte)
    v >>= 8n
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break
  }
  return Uint8Array.from(bytes)
}

/** `12.340` with scale 3 -> unscaled 12340n; the text is PostgreSQL's numeric output. */
function unscaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-')
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.')
  const digits = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale))
  return negative ? -digits : digits
}

function hexBytes(text: string): Uint8Array {
  const hex = text.startsWith('\\x') ? text.slice(2) : text
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))
}

/** `2024-01-02 03:04:05.123456` (no zone) -> microseconds since the epoch. */
function micros(text: string): number {
  const [date = '', time = '00:00:00'] = text.split(' ')
  const [hms = '', fraction = ''] = time.split('.')
  const ms = Date.parse(`${date}T${hms}Z`)
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6))
}

/**
 * `2024-01-02 03:04:05.5+00` (session TimeZone=UTC) -> `2024-01-02T03:04:05.500000Z`, as Debezium's
 * ZonedTimestamp: the fraction has the column's precision (6 unless declared).
 */
function zoned(text: string, precision: number): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?([+-]\d\d(?::?\d\d)?)?$/.exec(text)
  if (m === null) return text
  const offset = m[4] === undefined || /^[+-]00(:?00)?$/.test(m[4]) ? 'Z' : m[4].length === 3 ? `${m[4]}:00` : m[4]
  const fraction = precision === 0 ? '' : `.${(m[3] ?? '').padEnd(precision, '0').slice(0, precision)}`
  return `${m[1] ?? ''}T${m[2] ?? ''}${fraction}${offset}`
}

/**
 * A column's text value (PostgreSQL's output function, as pgoutput and a text-mode query give it)
 * converted to the value Debezium puts in its change events for that column.
 *
 * @example
 * columnValue({ name: 'n', typeOid: 20, typeMod: -1, optional: true }, '42') // 42
 */
export function columnValue(column: PgColumn, text: string | null | undefined): ConnectValue {
  if (text === null) return null
  if (text === undefined) return column.typeOid === T.bytea ? null : UNAVAILABLE_VALUE
  switch (column.typeOid) {
    case T.bool: return text === 't' || text === 'true'
    case T.int2:
    case T.int4: return Number(text)
    case T.int8: return int64(text)
    case T.float4: return new Float32(Number(text))
    case T.float8: {
      const n = text === 'NaN' ? NaN : text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : Number(text)
      return Number.isInteger(n) ? new Float64(n) : n
    }
    case T.bytea: return hexBytes(text)
    case T.date: return Math.round(Date.parse(`${text}T00:00:00Z`) / 86_400_000)
    case T.time: {
      const [hms = '', fraction = ''] = text.split('.')
      const [h = 0, m = 0, s = 0] = hms.split(':').map(Number)
      return ((h * 60 + m) * 60 + s) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6))
    }
    case T.timestamp: {
      const us = micros(text)
      return (column.typeMod >= 0 && column.typeMod <= 3) ? Math.floor(us / 1000) : us
    }
    case T.timestamptz: return zoned(text, column.typeMod < 0 ? 6 : column.typeMod)
    case T.numeric: {
      const ps = numericScale(column.typeMod)
      if (ps !== undefined) return twosComplement(unscaled(text, ps.scale))
      const scale = (text.split('.')[1] ?? '').length
      return { scale, value: twosComplement(unscaled(text, scale)) }
    }
    default: return text
  }
}

/**
 * The text of the value Debezium puts in a required column that a delete's key tuple does not
 * carry (REPLICA IDENTITY DEFAULT): the type's zero (`''`, `0`, `false`, the epoch).
 *
 * @example
 * requiredDefault({ name: 'name', typeOid: 25, typeMod: -1, optional: false }) // ''
 */
export function requiredDefault(column: PgColumn): string | null {
  if (column.optional) return null
  switch (column.typeOid) {
    case T.bool: return 'f'
    case T.int2: case T.int4: case T.int8: case T.float4: case T.float8: case T.numeric: return '0'
    case T.date: return '1970-01-01'
    case T.time: return '00:00:00'
    case T.timestamp: return '1970-01-01 00:00:00'
    case T.timestamptz: return '1970-01-01 00:00:00+00'
    case T.bytea: return '\\x'
    case T.uuid: return '00000000-0000-0000-0000-000000000000'
    case T.json: case T.jsonb: return '{}'
    default: return ''
  }
}
