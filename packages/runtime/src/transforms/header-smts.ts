import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { Transformation } from './transformation.js'
import { ConfigException, listOf, requiredString } from './smt-support.js'

/** Kafka's `Values.parseString` for the literals pipe keeps typed: booleans and integers; the rest stays text. */
export function parseLiteral(literal: string): ConnectValue {
  const trimmed = literal.trim()
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true'
  if (/^-?\d{1,18}$/.test(trimmed)) {
    const n = BigInt(trimmed)
    return Number.isSafeInteger(Number(n)) ? Number(n) : n
  }
  return literal
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
