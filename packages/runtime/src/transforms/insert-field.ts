import type { ConnectRecord, SinkRecord } from '../records/connect-record.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { Transformation } from './transformation.js'
import { copyAndPut } from './java-hash-map.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, DataException, partOf, requireMap, withPart } from './smt-support.js'

const PURPOSE = 'field insertion'

/** `InsertionSpec.parse`: a trailing `!` (required) or `?` (optional) is not part of the name. */
function fieldName(spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined
  return spec.endsWith('?') || spec.endsWith('!') ? spec.slice(0, -1) : spec
}

function isSinkRecord(record: ConnectRecord): record is SinkRecord {
  return 'kafkaOffset' in record
}

/** `InsertField$Key` / `$Value`, schemaless: copies the map and puts topic, partition, offset, timestamp, static. */
export function insertField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const topic = fieldName(config['topic.field'])
    const partition = fieldName(config['partition.field'])
    const offset = fieldName(config['offset.field'])
    const timestamp = fieldName(config['timestamp.field'])
    const staticField = fieldName(config['static.field'])
    const staticValue = config['static.value']
    if ([topic, partition, offset, timestamp, staticField].every((f) => f === undefined)) {
      throw new ConfigException('No field insertion configured')
    }
    if (staticField !== undefined && staticValue === undefined) {
      throw new ConfigException(`Invalid value null for configuration static.value: No value specified for static field: ${staticField}`)
    }
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const map = requireMap(current, PURPOSE)
        const puts: [string, ConnectValue][] = []
        if (topic !== undefined) puts.push([topic, record.topic])
        if (partition !== undefined && record.kafkaPartition !== null) puts.push([partition, record.kafkaPartition])
        if (offset !== undefined) {
          if (!isSinkRecord(record)) throw new DataException(`Only SinkRecord supported for [${PURPOSE}], found: org.apache.kafka.connect.source.SourceRecord`)
          puts.push([offset, record.kafkaOffset])
        }
        if (timestamp !== undefined && record.timestamp !== null) puts.push([timestamp, record.timestamp])
        if (staticField !== undefined && staticValue !== undefined) puts.push([staticField, staticValue])
        return withPart(record, part, copyAndPut(map, puts))
      },
    }
  }
}
