import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { Transformation } from './transformation.js'
import { copyAndPut } from './java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, DataException, javaClassName, listOf, partOf, requireMap, withPart } from './smt-support.js'

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

/** `MaskField$Key` / `$Value`, schemaless: each listed field becomes its type's zero or `replacement`. */
export function maskField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const fields = [...new Set(listOf(config, 'fields', true))]
    if (fields.length === 0) throw new ConfigException('Invalid value [] for configuration fields: Empty list')
    const replacement = config['replacement']
    if (replacement === '') throw new ConfigException('Invalid value  for configuration replacement: String must be non-empty')
    return {
      apply(record) {
        const map = requireMap(partOf(record, part), 'mask fields')
        const puts = fields.map((f) => {
          const v = map[f] ?? null
          return [f, v === null ? null : replacement === undefined ? zeroOf(v) : replaced(v, replacement)] as const
        })
        return withPart(record, part, copyAndPut(map, puts))
      },
    }
  }
}
