import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { javaToString } from '../converters/java-to-string.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { copyAndPut } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import type { ConnectSchema, SchemaType } from '../records/connect-schema.js'
import { ConfigException, DataException, javaClassName, listOf, partOf, requireMap, requireStruct, schemaOf, structSchema, withPart } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

const TYPES = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string'] as const
type CastType = (typeof TYPES)[number]
const WHOLE = ''

function castType(raw: string): CastType {
  const t = TYPES.find((x) => x === raw.trim().toLowerCase())
  if (t === undefined) throw new ConfigException(`Invalid type found in casting spec: ${raw.trim()}`)
  return t
}

function parseSpec(spec: readonly string[]): ReadonlyMap<string, CastType> {
  const casts = new Map<string, CastType>()
  for (const mapping of spec) {
    const parts = mapping.split(':')
    if (parts.length > 2) throw new ConfigException(`Invalid rename mapping: ${mapping}`)
    const [first = '', second] = parts
    if (second === undefined) {
      if (spec.length > 1) throw new ConfigException('Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec')
      casts.set(WHOLE, castType(first))
    } else casts.set(first.trim(), castType(second))
  }
  if (casts.size === 0) throw new ConfigException('Must specify at least one field to cast.')
  return casts
}

function wrapBits(n: bigint, bits: number): number {
  return Number(BigInt.asIntN(bits, n))
}

/** Number → Java `Number.xxxValue()`: longs wrap, doubles truncate (saturating to int range first). */
function toInteger(value: ConnectValue, bits: number): number | bigint {
  let n: bigint
  if (typeof value === 'bigint') n = value
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value)
  else {
    const d = typeof value === 'number' ? value : (value as Float64 | Float32).value
    if (Number.isNaN(d)) return 0
    const limit = bits === 64 ? 2 ** 63 : 2 ** 31
    n = BigInt(Math.trunc(Math.min(Math.max(d, -limit), limit - 1)))
  }
  if (bits !== 64) return wrapBits(n, bits)
  const r = BigInt.asIntN(64, n)
  return Number.isSafeInteger(Number(r)) ? Number(r) : r
}

function parseInteger(s: string, bits: number): number | bigint {
  if (!/^[+-]?\d+$/.test(s)) throw new DataException(`Value (${s}) was out of range for requested data type`)
  const n = BigInt(s)
  if (BigInt.asIntN(bits, n) !== n) throw new DataException(`Value (${s}) was out of range for requested data type`)
  return Number.isSafeInteger(Number(n)) ? Number(n) : n
}

function numberOf(value: ConnectValue): number {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Float64 || value instanceof Float32) return value.value
  return NaN
}

function isNumeric(value: ConnectValue): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof Float64 || value instanceof Float32
}

function castNumeric(value: ConnectValue, to: CastType): ConnectValue {
  switch (to) {
    case 'int8': return toInteger(value, 8)
    case 'int16': return toInteger(value, 16)
    case 'int32': return toInteger(value, 32)
    case 'int64': return toInteger(value, 64)
    case 'float32': return new Float32(numberOf(value))
    case 'float64': return Number.isInteger(numberOf(value)) ? new Float64(numberOf(value)) : numberOf(value)
    case 'boolean': return numberOf(value) !== 0
    case 'string': return javaToString(value)
  }
}

function castString(s: string, to: CastType): ConnectValue {
  const bits = { int8: 8, int16: 16, int32: 32, int64: 64 } as const
  if (to === 'string') return s
  if (to === 'boolean') return s.toLowerCase() === 'true'
  if (to === 'float32' || to === 'float64') {
    const d = Number(s.trim())
    if (s.trim() === '' || (Number.isNaN(d) && s.trim() !== 'NaN')) throw new DataException(`Value (${s}) was out of range for requested data type`)
    return to === 'float32' ? new Float32(d) : Number.isInteger(d) ? new Float64(d) : d
  }
  return parseInteger(s, bits[to])
}

/** Kafka's `castValueToType` for schemaless values. */
export function castValue(value: ConnectValue, to: CastType): ConnectValue {
  if (value === null) return null
  if (typeof value === 'boolean') return to === 'string' ? String(value) : to === 'boolean' ? value : castNumeric(value ? 1 : 0, to)
  if (typeof value === 'string') return castString(value, to)
  if (value instanceof Uint8Array) {
    if (to !== 'string') throw new DataException(`Cast transformation does not support casting from BYTES to ${to.toUpperCase()}`)
    return Buffer.from(value).toString('base64')
  }
  if (isNumeric(value)) return castNumeric(value, to)
  const type = Array.isArray(value) ? 'ARRAY' : isConnectMap(value) ? 'MAP' : javaClassName(value)
  throw new DataException(`Cast transformation does not support casting from ${type}; supported types are BOOLEAN, BYTES, FLOAT32, FLOAT64, INT16, INT32, INT64, INT8, STRING`)
}

/** The schema a cast gives a value or field (JsonConverter calls float32/float64 `float`/`double`). */
function castSchema(to: CastType, optional: boolean): ConnectSchema {
  const type: SchemaType = to === 'float32' ? 'float' : to === 'float64' ? 'double' : to
  return { type, optional }
}

/** `Cast$Key` / `$Value`: a whole-value cast, or per-field casts on a copy of the map or struct (field schemas follow the casts). */
export function cast(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const casts = parseSpec(listOf(config, 'spec', true))
    const whole = casts.get(WHOLE)
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const schema = schemaOf(record, part)
        if (whole !== undefined) return withPart(record, part, castValue(current, whole), schema === null ? null : castSchema(whole, schema.optional))
        if (schema !== null) {
          const struct = requireStruct(current, schema, 'cast types')
          const fields = struct.schema.fields.map((f) => {
            const to = casts.get(f.field)
            return to === undefined ? f : { field: f.field, schema: castSchema(to, f.schema.optional) }
          })
          const value = Object.fromEntries(struct.schema.fields.map((f) => {
            const to = casts.get(f.field)
            const v = struct.value[f.field] ?? null
            return [f.field, to === undefined ? v : castValue(v, to)]
          }))
          return withPart(record, part, value, { ...structSchema(schema, fields), optional: schema.optional })
        }
        const map = requireMap(current, 'cast types')
        const puts = [...casts].map(([field, to]) => [field, castValue(ownValue(map, field) ?? null, to)] as const)
        return withPart(record, part, copyAndPut(map, puts))
      },
    }
  }
}
