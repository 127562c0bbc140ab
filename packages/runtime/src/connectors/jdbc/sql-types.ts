import type { ConnectSchema } from '../../records/connect-schema.js'
import { Float32, Float64, type ConnectValue } from '../../records/connect-value.js'
import type { DbParam } from './db-session.js'
import type { JdbcKind } from './jdbc-url.js'

/**
 * The column type the JDBC sink creates for a field (schema.evolution=basic), as Debezium's
 * PostgreSQL and MySQL/MariaDB dialects choose it; `key` columns of strings get a bounded type
 * where the database needs one for an index.
 *
 * @example
 * sqlType({ type: 'int64', optional: false }, 'postgresql', false) // 'bigint'
 */
export function sqlType(schema: ConnectSchema, kind: JdbcKind, key: boolean): string {
  const pg = kind === 'postgresql'
  switch (schema.name) {
    case 'io.debezium.time.Date': return 'date'
    case 'io.debezium.time.Timestamp': return pg ? 'timestamp(3)' : 'datetime(3)'
    case 'io.debezium.time.MicroTimestamp': return pg ? 'timestamp(6)' : 'datetime(6)'
    case 'io.debezium.time.MicroTime': return pg ? 'time(6)' : 'time(6)'
    case 'io.debezium.time.ZonedTimestamp': return pg ? 'timestamp(6) with time zone' : 'timestamp(6)'
    case 'io.debezium.data.Uuid': return pg ? 'uuid' : 'varchar(36)'
    case 'io.debezium.data.Json': return pg ? 'jsonb' : 'json'
    case 'org.apache.kafka.connect.data.Decimal': {
      const scale = schema.parameters?.['scale'] ?? '0'
      const precision = schema.parameters?.['connect.decimal.precision'] ?? '38'
      return `decimal(${precision},${scale})`
    }
    case undefined:
    default: break
  }
  switch (schema.type) {
    case 'boolean': return 'boolean'
    case 'int8': return pg ? 'smallint' : 'tinyint'
    case 'int16': return 'smallint'
    case 'int32': return pg ? 'integer' : 'int'
    case 'int64': return 'bigint'
    case 'float': return pg ? 'real' : 'float'
    case 'double': return pg ? 'double precision' : 'double'
    case 'bytes': return pg ? 'bytea' : key ? 'varbinary(255)' : 'longblob'
    case 'string': return pg ? 'text' : key ? 'varchar(255)' : 'longtext'
    case 'array':
    case 'map':
    case 'struct': return pg ? 'text' : 'longtext'
  }
}

function decimalText(bytes: Uint8Array, scale: number): string {
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  if (bytes.length > 0 && ((bytes[0] ?? 0) & 0x80) !== 0) n -= 1n << BigInt(8 * bytes.length)
  const negative = n < 0n
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return negative ? `-${text}` : text
}

function microsText(us: number, kind: JdbcKind): string {
  const ms = Math.floor(us / 1000)
  const iso = new Date(ms).toISOString().slice(0, 19)
  const fraction = String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0')
  return `${kind === 'postgresql' ? iso : iso.replace('T', ' ')}.${fraction}`
}

/**
 * A record field's value as the statement parameter that stores it in the column {@link sqlType} gives.
 *
 * @example
 * sqlValue({ type: 'int32', optional: false, name: 'io.debezium.time.Date' }, 20000, 'postgresql') // '2024-10-04'
 */
export function sqlValue(schema: ConnectSchema | undefined, given: ConnectValue | undefined, kind: JdbcKind): DbParam {
  if (given === null || given === undefined) return null
  // JsonConverter gives bytes as their base64 text
  const value = schema?.type === 'bytes' && typeof given === 'string' ? Uint8Array.from(Buffer.from(given, 'base64')) : given
  if (value instanceof Float64 || value instanceof Float32) return value.value
  if (typeof value === 'bigint') return value.toString()
  switch (schema?.name) {
    case 'io.debezium.time.Date': return new Date(Number(value) * 86_400_000).toISOString().slice(0, 10)
    case 'io.debezium.time.Timestamp': return microsText(Number(value) * 1000, kind)
    case 'io.debezium.time.MicroTimestamp': return microsText(Number(value), kind)
    case 'io.debezium.time.MicroTime': {
      const us = Number(value)
      const s = Math.floor(us / 1_000_000)
      const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':')
      return `${hms}.${String(us % 1_000_000).padStart(6, '0')}`
    }
    case 'io.debezium.time.ZonedTimestamp':
      if (typeof value === 'string') return kind === 'postgresql' ? value : value.replace('T', ' ').replace(/Z$|[+-]\d\d:\d\d$/, '')
      break
    case 'org.apache.kafka.connect.data.Decimal':
      if (value instanceof Uint8Array) return decimalText(value, Number(schema.parameters?.['scale'] ?? '0'))
      break
    case undefined:
    default: break
  }
  if (value instanceof Uint8Array) return Buffer.from(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}
