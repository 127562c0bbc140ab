import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { javaHashMap } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, listOf, partOf, requireMap, requireStruct, schemaOf, structSchema, withPart } from './smt-support.js'

function renamesOf(config: ConnectorConfig): ReadonlyMap<string, string> {
  const renames = new Map<string, string>()
  for (const mapping of listOf(config, 'renames')) {
    const parts = mapping.split(':')
    const [from, to] = parts
    if (parts.length !== 2 || from === undefined || to === undefined) {
      throw new ConfigException(`Invalid value ${listOf(config, 'renames').join(',')} for configuration renames: Invalid rename mapping: ${mapping}`)
    }
    renames.set(from, to)
  }
  return renames
}

/** `ReplaceField$Key` / `$Value`: keeps included, drops excluded (wins), renames; on a struct in schema order. */
export function replaceField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    // Kafka Connect 4.0 dropped the old names blacklist and whitelist (3.x read them as exclude and include)
    const exclude = new Set(listOf(config, 'exclude'))
    const include = new Set(listOf(config, 'include'))
    const renames = renamesOf(config)
    const keep = (name: string): boolean => !exclude.has(name) && (include.size === 0 || include.has(name))
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const schema = schemaOf(record, part)
        if (schema !== null) {
          const struct = requireStruct(current, schema, 'field replacement')
          const kept = struct.schema.fields.filter((f) => keep(f.field))
          const fields = kept.map((f) => ({ field: renames.get(f.field) ?? f.field, schema: f.schema }))
          const value = Object.fromEntries(kept.map((f) => [renames.get(f.field) ?? f.field, struct.value[f.field] ?? null]))
          return withPart(record, part, value, structSchema(schema, fields))
        }
        const map = requireMap(current, 'field replacement')
        const entries = Object.entries(map).filter(([k]) => keep(k)).map(([k, v]) => [renames.get(k) ?? k, v] as const)
        return withPart(record, part, javaHashMap(entries, { kind: 'initial', capacity: Object.keys(map).length }))
      },
    }
  }
}
