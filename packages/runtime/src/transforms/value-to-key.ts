import type { ConnectorConfig } from '../tasks/task-context.js'
import type { Transformation } from './transformation.js'
import { javaHashMap } from './java-hash-map.js'
import { ConfigException, listOf, requireMap } from './smt-support.js'

/** `ValueToKey`, schemaless: the key becomes a map of the listed value fields (missing = null). */
export function valueToKey(config: ConnectorConfig): Transformation {
  const fields = listOf(config, 'fields', true)
  if (fields.length === 0) throw new ConfigException('Invalid value [] for configuration fields: Empty list')
  return {
    apply(record) {
      const value = requireMap(record.value, 'copying fields from value to key')
      const key = javaHashMap(fields.map((f) => [f, value[f] ?? null] as const), { kind: 'initial', capacity: fields.length })
      return { ...record, key, keySchema: null }
    },
  }
}
