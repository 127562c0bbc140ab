import type { ConnectField, ConnectSchema } from '../records/connect-schema.js'
import type { ConnectRecord, SinkRecord } from '../records/connect-record.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { copyAndPut } from '../java/java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, DataException, SCHEMAS, partOf, requireMap, requireStruct, schemaOf, structSchema, structValue, withPart } from './smt-support.js'

const PURPOSE = 'field insertion'

/** `InsertionSpec.parse`: a trailing `!` makes the field required, `?` (or nothing) optional; neither is part of the name. */
interface Spec {
  readonly name: string
  readonly optional: boolean
}

function spec(text: string | undefined): Spec | undefined {
  if (text === undefined) return undefined
  if (text.endsWith('?')) return { name: text.slice(0, -1), optional: true }
  if (text.endsWith('!')) return { name: text.slice(0, -1), optional: false }
  return { name: text, optional: true }
}

function isSinkRecord(record: ConnectRecord): record is SinkRecord {
  return 'kafkaOffset' in record
}

/** `InsertField$Key` / `$Value`: puts topic, partition, offset, timestamp and a static value into a map, or into a struct (schema extended). */
export function insertField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const topic = spec(config['topic.field'])
    const partition = spec(config['partition.field'])
    const offset = spec(config['offset.field'])
    const timestamp = spec(config['timestamp.field'])
    const staticField = spec(config['static.field'])
    const staticValue = config['static.value']
    if ([topic, partition, offset, timestamp, staticField].every((f) => f === undefined)) {
      throw new ConfigException('No field insertion configured')
    }
    if (staticField !== undefined && staticValue === undefined) {
      throw new ConfigException(`Invalid value null for configuration static.value: No value specified for static field: ${staticField.name}`)
    }
    const added: [Spec | undefined, (optional: boolean) => ConnectSchema][] = [
      [topic, SCHEMAS.string], [partition, SCHEMAS.int32], [offset, SCHEMAS.int64], [timestamp, SCHEMAS.timestamp], [staticField, SCHEMAS.string],
    ]
    const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>()
    const updatedSchema = (base: ConnectSchema, fields: readonly ConnectField[]): ConnectSchema => {
      const cached = schemaCache.get(base)
      if (cached !== undefined) return cached
      const extra = added.flatMap(([s, schema]) => (s === undefined ? [] : [{ field: s.name, schema: schema(s.optional) }]))
      const built = structSchema(base, [...fields, ...extra])
      schemaCache.set(base, built)
      return built
    }
    const puts = (record: ConnectRecord): [string, ConnectValue][] => {
      const out: [string, ConnectValue][] = []
      if (topic !== undefined) out.push([topic.name, record.topic])
      if (partition !== undefined && record.kafkaPartition !== null) out.push([partition.name, record.kafkaPartition])
      if (offset !== undefined) {
        if (!isSinkRecord(record)) throw new DataException(`Only SinkRecord supported for [${PURPOSE}], found: org.apache.kafka.connect.source.SourceRecord`)
        out.push([offset.name, record.kafkaOffset])
      }
      if (timestamp !== undefined && record.timestamp !== null) out.push([timestamp.name, record.timestamp])
      if (staticField !== undefined && staticValue !== undefined) out.push([staticField.name, staticValue])
      return out
    }
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const schema = schemaOf(record, part)
        if (schema === null) return withPart(record, part, copyAndPut(requireMap(current, PURPOSE), puts(record)))
        const struct = requireStruct(current, schema, PURPOSE)
        const next = updatedSchema(schema, struct.schema.fields)
        const values = new Map<string, ConnectValue>(Object.entries(struct.value))
        for (const [k, v] of puts(record)) values.set(k, v)
        return withPart(record, part, structValue(next.fields ?? [], (f) => values.get(f)), next)
      },
    }
  }
}
