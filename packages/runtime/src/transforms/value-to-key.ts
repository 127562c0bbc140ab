import type { ConnectSchema } from '../records/connect-schema.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { javaHashMap } from '../java/java-hash-map.js'
import { ConfigException, DataException, listOf, requireMap, requireStruct, structValue } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

const PURPOSE = 'copying fields from value to key'

/** `ValueToKey`: the key becomes a map of the listed value fields (missing = null), or a struct of them when the value is one. */
export function valueToKey(config: ConnectorConfig): Transformation {
  const fields = listOf(config, 'fields', true)
  if (fields.length === 0) throw new ConfigException('Invalid value [] for configuration fields: Empty list')
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>()
  return {
    apply(record) {
      const valueSchema = record.valueSchema ?? null
      if (valueSchema === null) {
        const value = requireMap(record.value, PURPOSE)
        const key = javaHashMap(fields.map((f) => [f, ownValue(value, f) ?? null] as const), { kind: 'initial', capacity: fields.length })
        return { ...record, key, keySchema: null }
      }
      const struct = requireStruct(record.value, valueSchema, PURPOSE)
      let keySchema = schemaCache.get(valueSchema)
      if (keySchema === undefined) {
        keySchema = {
          type: 'struct', optional: false,
          fields: fields.map((f) => {
            const field = struct.schema.fields.find((x) => x.field === f)
            if (field === undefined) throw new DataException(`Field does not exist: ${f}`)
            return field
          }),
        }
        schemaCache.set(valueSchema, keySchema)
      }
      return { ...record, key: structValue(keySchema.fields ?? [], (f) => struct.value[f]), keySchema }
    },
  }
}
