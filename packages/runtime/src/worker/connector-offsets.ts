import type { SourceOffset, SourcePartition } from '../records/connect-record.js'
import type { GroupOffsetChange, TopicBackend } from '../topics/topic-backend.js'
import type { OffsetEntry } from '@pipe/dsl/contract'
import { InvalidOffsetsError, OffsetsWriteError } from './worker-errors.js'
import { sinkConsumerGroup } from '@pipe/dsl/contract'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads `{"offsets": [...]}` of an alter request; 400 with Kafka Connect's message when missing or malformed. */
export function parseOffsetsBody(body: unknown): readonly OffsetEntry[] {
  const list = isRecord(body) ? body['offsets'] : undefined
  if (!Array.isArray(list) || list.length === 0) throw new InvalidOffsetsError('Partitions / offsets need to be provided for an alter offsets request')
  return list.map((entry: unknown) => {
    if (!isRecord(entry) || !isRecord(entry['partition'])) throw new InvalidOffsetsError('Source partitions must be non-null JSON objects')
    const offset = entry['offset']
    if (offset !== null && offset !== undefined && !isRecord(offset)) throw new InvalidOffsetsError('Source offsets must be JSON objects or null')
    return { partition: entry['partition'], offset: offset ?? null }
  })
}

function assertPrimitives(map: Readonly<Record<string, unknown>>, what: string): void {
  for (const [k, v] of Object.entries(map)) {
    if (v !== null && typeof v === 'object') throw new InvalidOffsetsError(`${what} values must be primitives, but '${k}' is not`)
  }
}

/** The consumer group a sink connector's tasks commit in (Kafka Connect's default, `connect-<connector>`). */

/** Java's `Integer.parseInt(String.valueOf(value))` / `Long.parseLong(...)`: ints and numeric strings. */
function parseInteger(value: unknown): number | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : ''
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined
}

/** A JSON value as text, as Java's `String.valueOf` shows it in messages (objects as JSON). */
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value))

/** Kafka Connect's `SinkUtils.parseSinkConnectorOffsets`: topic partitions and next offsets (null: remove). */
function parseSinkOffsets(entries: readonly OffsetEntry[]): GroupOffsetChange[] {
  return entries.map(({ partition, offset }) => {
    if (!('kafka_topic' in partition) || !('kafka_partition' in partition)) {
      throw new InvalidOffsetsError("The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'")
    }
    if (partition['kafka_topic'] === null) throw new InvalidOffsetsError('Kafka topic names must be valid strings and may not be null')
    if (partition['kafka_partition'] === null) throw new InvalidOffsetsError('Kafka partitions must be valid numbers and may not be null')
    const topic = textOf(partition['kafka_topic'])
    const number = parseInteger(partition['kafka_partition'])
    if (number === undefined) {
      throw new InvalidOffsetsError(`Failed to parse the following Kafka partition value in the provided offsets: '${textOf(partition['kafka_partition'])}'. Partition values for sink connectors need to be integers.`)
    }
    if (offset === null) return { topic, partition: number, offset: null }
    if (!('kafka_offset' in offset)) throw new InvalidOffsetsError("The offset for a sink connector should either be null or contain the key 'kafka_offset'")
    const next = parseInteger(offset['kafka_offset'])
    if (next === undefined) {
      throw new InvalidOffsetsError(`Failed to parse the following Kafka offset value in the provided offsets: '${textOf(offset['kafka_offset'])}'. Offset values for sink connectors need to be integers.`)
    }
    return { topic, partition: number, offset: next }
  })
}

/** The committed offsets of a connector: a source's partitions, or a sink's consumer group offsets. */
export async function readOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink'): Promise<readonly OffsetEntry[]> {
  if (type === 'sink') {
    const committed = await backend.listGroupOffsets(sinkConsumerGroup(name))
    return committed.map((o) => ({ partition: { kafka_topic: o.topic, kafka_partition: o.partition }, offset: { kafka_offset: o.offset } }))
  }
  const entries = await backend.listSourceOffsets(name)
  return entries.map(({ partition, offset }) => ({ partition, offset }))
}

/** Writes a connector's offsets (a `null` offset resets its partition). */
export async function writeOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink', entries: readonly OffsetEntry[]): Promise<void> {
  if (type === 'sink') {
    const changes = parseSinkOffsets(entries)
    try {
      await backend.alterGroupOffsets(sinkConsumerGroup(name), changes)
    } catch (error) {
      throw new OffsetsWriteError(`Failed to alter consumer group offsets for connector ${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
    return
  }
  for (const e of entries) {
    assertPrimitives(e.partition, 'Source partition')
    if (e.offset !== null) assertPrimitives(e.offset, 'Source offset')
  }
  // cast: validated above to flat maps of primitives, which is what source partitions and offsets are
  const offsets = entries.map((e) => ({ partition: e.partition as SourcePartition, offset: e.offset as SourceOffset | null }))
  await backend.produce([], { connector: name, offsets })
}

/** Resets every committed offset of a connector (a sink's: its consumer group's). */
export async function resetOffsets(backend: TopicBackend, name: string, type: 'source' | 'sink'): Promise<void> {
  if (type === 'sink') {
    try {
      await backend.resetGroupOffsets(sinkConsumerGroup(name))
    } catch (error) {
      throw new OffsetsWriteError(`Failed to delete consumer group ${sinkConsumerGroup(name)} for connector ${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
    return
  }
  const entries = await backend.listSourceOffsets(name)
  if (entries.length === 0) return
  await backend.produce([], { connector: name, offsets: entries.map(({ partition }) => ({ partition, offset: null })) })
}
