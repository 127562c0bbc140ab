import { Float32, Float64 } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { convertToString, parseString } from '../java/java-values.js'
import { ConfigException, listOf, requiredString } from './smt-support.js'

/**
 * Kafka's `Values.parseString`, as a header value: booleans, integers and floats stay typed; lists,
 * maps, dates and decimals become the text `Values.convertToString` writes for them (`[1, 2]` ->
 * `[1,2]`, `1e400` -> `1E+400`); anything else stays the literal text.
 */
export function parseLiteral(literal: string): ConnectValue {
  const parsed = parseString(literal)
  if (parsed === null) return null
  const value = parsed.value
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (value.kind === 'int') return Number.isSafeInteger(Number(value.value)) ? Number(value.value) : value.value
  if (value.kind === 'float32') return new Float32(value.value)
  if (value.kind === 'float64') return new Float64(value.value)
  return convertToString(value)
}

/** `InsertHeader`: appends a header with `value.literal` (types inferred as Kafka's `Values.parseString`). */
export function insertHeader(config: ConnectorConfig): Transformation {
  const header = requiredString(config, 'header')
  const value = parseLiteral(requiredString(config, 'value.literal'))
  return { apply: (record) => ({ ...record, headers: [...record.headers, { key: header, value }] }) }
}

/** `DropHeaders`: removes every header whose key is listed. */
export function dropHeaders(config: ConnectorConfig): Transformation {
  const names = new Set(listOf(config, 'headers', true))
  if (names.size === 0) throw new ConfigException('Invalid value [] for configuration headers: Empty list')
  return { apply: (record) => ({ ...record, headers: record.headers.filter((h) => !names.has(h.key)) }) }
}

/** `Filter`: drops every record it is applied to (use it with a predicate). */
export function filter(): Transformation {
  return { apply: () => null }
}
