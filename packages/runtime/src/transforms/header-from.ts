import type { ConnectSchema } from '../records/connect-schema.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { javaHashMapOrder } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, listOf, partOf, requireMap, requireStruct, requiredString, schemaOf, structSchema, structValue, withPart } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

/** `HeaderFrom$Key` / `$Value`: copies or moves fields of a map or struct into headers (appended, in config order). */
export function headerFrom(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const fields = listOf(config, 'fields', true)
    const headers = listOf(config, 'headers', true)
    if (fields.length !== headers.length) throw new ConfigException("'fields' config must have the same number of elements as 'headers' config.")
    const operation = requiredString(config, 'operation')
    if (operation !== 'move' && operation !== 'copy') throw new ConfigException(`Invalid value ${operation} for configuration operation: String must be one of: move, copy`)
    const moved = new Set(operation === 'move' ? fields : [])
    const moveCache = new WeakMap<ConnectSchema, ConnectSchema>()
    return {
      apply(record) {
        const schema = schemaOf(record, part)
        if (schema === null) {
          const map = requireMap(partOf(record, part), `header ${operation}`)
          const added = fields.map((f, i) => ({ key: headers[i] ?? '', value: ownValue(map, f) ?? null }))
          const order = javaHashMapOrder(Object.keys(map), { kind: 'copy', size: Object.keys(map).length })
          const updated = Object.fromEntries(order.filter((k) => !moved.has(k)).map((k) => [k, map[k] ?? null]))
          return { ...withPart(record, part, updated), headers: [...record.headers, ...added] }
        }
        const struct = requireStruct(partOf(record, part), schema, `header ${operation}`)
        const added = fields.map((f, i) => ({ key: headers[i] ?? '', value: struct.value[f] ?? null }))
        if (operation === 'copy') return { ...record, headers: [...record.headers, ...added] }
        let updatedSchema = moveCache.get(schema)
        if (updatedSchema === undefined) {
          updatedSchema = structSchema(schema, struct.schema.fields.filter((f) => !moved.has(f.field)))
          moveCache.set(schema, updatedSchema)
        }
        const value = structValue(updatedSchema.fields ?? [], (f) => struct.value[f])
        return { ...withPart(record, part, value, updatedSchema), headers: [...record.headers, ...added] }
      },
    }
  }
}
