import type { SourceOffset, SourcePartition } from '../../records/connect-record.js'
import { offsetKey, parseOffsetKey } from '../../topics/kafka-offsets.js'
import type { TaskClientIds, TopicBackend } from '../../topics/topic-backend.js'
import type { KafkaLog, LogRecord } from './kafka-log.js'

/** The source offsets of the offsets topic, as the records of a `KafkaLog` bring them in. */
export class OffsetsView {
  readonly #offsets = new Map<string, { connector: string; partition: SourcePartition; offset: SourceOffset }>()

  apply(record: LogRecord): void {
    const parsed = parseOffsetKey(Buffer.from(record.key, 'utf8'))
    if (parsed === undefined) return
    if (record.value === null) {
      this.#offsets.delete(record.key)
      return
    }
    try {
      this.#offsets.set(record.key, { ...parsed, offset: JSON.parse(record.value.toString('utf8')) as SourceOffset }) // cast: Kafka Connect's offset maps
    } catch {
      // not JSON: Kafka Connect would fail to read it too; ignore
    }
  }

  get(connector: string, partition: SourcePartition): SourceOffset | null {
    return this.#offsets.get(offsetKey(connector, partition).toString('utf8'))?.offset ?? null
  }

  list(connector: string): { partition: SourcePartition; offset: SourceOffset }[] {
    return [...this.#offsets.values()].filter((o) => o.connector === connector).map(({ partition, offset }) => ({ partition, offset }))
  }
}

/**
 * The worker's Kafka backend, but source offsets are read from the offsets topic followed to its
 * end at each read: a task that moved here from another worker resumes from that worker's last
 * committed offsets, not from what this worker saw when it started.
 */
export function withFreshSourceOffsets(inner: TopicBackend, log: KafkaLog, view: OffsetsView): TopicBackend {
  const readSourceOffset = async (connector: string, partition: SourcePartition): Promise<SourceOffset | null> => {
    await log.readToEnd()
    return view.get(connector, partition)
  }
  const listSourceOffsets = async (connector: string): Promise<{ partition: SourcePartition; offset: SourceOffset }[]> => {
    await log.readToEnd()
    return view.list(connector)
  }
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'readSourceOffset') return readSourceOffset
      if (property === 'listSourceOffsets') return listSourceOffsets
      // a task's view reads source offsets fresh too
      if (property === 'forTask' && target.forTask !== undefined) return (ids: TaskClientIds) => withFreshSourceOffsets(target.forTask?.(ids) ?? target, log, view)
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value // cast: a method of the backend
    },
  })
}
