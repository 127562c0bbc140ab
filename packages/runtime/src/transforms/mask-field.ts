import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { copyAndPut } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import type { ConnectSchema } from '../records/connect-schema.js'
import { ConfigException, DataException, javaClassName, listOf, partOf, requireMap, requireStruct, schemaOf, withPart } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

function zeroOf(value: ConnectValue): ConnectValue {
  if (typeof value === 'boolean') return false
  if (typeof value === 'string') return ''
  if (typeof value === 'bigint') return 0
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 0 : new Float64(0)
  if (value instanceof Float64) return new Float64(0)
  if (value instanceof Float32) return new Float32(0)
  if (Array.isArray(value)) return []
  if (isConnectMap(value)) return {}
  throw new DataException(`Cannot mask value of type: class ${javaClassName(value)}`)
}

function parseNumber(replacement: string, integral: boolean): number {
  const n = Number(replacement.trim())
  if (replacement.trim() === '' || Number.isNaN(n)) {
    throw new DataException(`Unable to convert ${replacement} (class java.lang.String) to number`)
  }
  return integral ? Math.trunc(n) : n
}

function replaced(value: ConnectValue, replacement: string): ConnectValue {
  if (typeof value === 'string') return replacement
  if (typeof value === 'number' || typeof value === 'bigint') {
    const integral = typeof value === 'bigint' || Number.isSafeInteger(value)
    const n = parseNumber(replacement, integral)
    return integral || !Number.isInteger(n) ? n : new Float64(n)
  }
  if (value instanceof Float64) return new Float64(parseNumber(replacement, false))
  if (value instanceof Float32) return new Float32(parseNumber(replacement, false))
  throw new DataException(`Cannot mask value of type class ${javaClassName(value)} with custom replacement.`)
}

/** The zero of a struct field: by its schema where the value alone cannot tell (floats, nested structs). */
function zeroFor(schema: ConnectSchema, value: ConnectValue): ConnectValue {
  if (schema.type === 'double') return new Float64(0)
  if (schema.type === 'float') return new Float32(0)
  if (schema.type === 'struct') throw new DataException('Cannot mask value of type: class org.apache.kafka.connect.data.Struct')
  return zeroOf(value)
}

/** `MaskField$Key` / `$Value`: each listed field of a map or struct becomes its type's zero or `replacement`. */
export function maskField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const fields = [...new Set(listOf(config, 'fields', true))]
    if (fields.length === 0) throw new ConfigException('Invalid value [] for configuration fields: Empty list')
    const replacement = config['replacement']
    if (replacement === '') throw new ConfigException('Invalid value  for configuration replacement: String must be non-empty')
    return {
      apply(record) {
        const schema = schemaOf(record, part)
        if (schema !== null) {
          const struct = requireStruct(partOf(record, part), schema, 'mask fields')
          const masked = new Set(fields)
          const value = Object.fromEntries(struct.schema.fields.map((f) => {
            const v = struct.value[f.field] ?? null
            if (!masked.has(f.field) || v === null) return [f.field, v]
            return [f.field, replacement === undefined ? zeroFor(f.schema, v) : replaced(v, replacement)]
          }))
          return withPart(record, part, value, schema)
        }
        const map = requireMap(partOf(record, part), 'mask fields')
        const puts = fields.map((f) => {
          const v = ownValue(map, f) ?? null
          return [f, v === null ? null : replacement === undefined ? zeroOf(v) : replaced(v, replacement)] as const
        })
        return withPart(record, part, copyAndPut(map, puts))
      },
    }
  }
}
