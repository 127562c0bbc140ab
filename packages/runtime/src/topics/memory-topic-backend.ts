import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import { assignedPartitions, createPartitioner, sourcePartitionKey } from './partitioner.js'
import type { ConsumedMessage, ConsumerOptions, SourceOffsetCommit, TopicBackend, TopicConsumer, TopicMessage, TopicSpec } from './topic-backend.js'

interface MemoryState {
  readonly topics: Map<string, ConsumedMessage[][]>
  readonly groups: Map<string, Map<string, number>>
  readonly sourceOffsets: Map<string, { connector: string; partition: SourcePartition; offset: SourceOffset }>
}

/** An in-memory topic backend: the fake unit tests use (same contract as embedded, nothing durable). */
export interface MemoryTopicBackend extends TopicBackend {
  /** Every message of a topic, partition by partition (tests). */
  messages(topic: string): readonly ConsumedMessage[]
  /** Fails the next `count` produce calls with `error` (tests of retries and failures). */
  failNextProduce(error: Error, count?: number): void
}

function consumerOf(state: MemoryState, options: ConsumerOptions): TopicConsumer {
  const group = state.groups.get(options.group) ?? new Map<string, number>()
  state.groups.set(options.group, group)
  const position = new Map<string, number>()
  const pending = (): ConsumedMessage[] => {
    const out: ConsumedMessage[] = []
    for (const topic of options.topics) {
      const partitions = state.topics.get(topic) ?? []
      for (const p of assignedPartitions(partitions.length, options.member.index, options.member.count)) {
        const key = `${topic}:${p}`
        const from = position.get(key) ?? group.get(key) ?? 0
        // one by one: a spread of a long partition overflows the call stack
        for (const m of (partitions[p] ?? []).slice(from)) out.push(m)
      }
    }
    return out
  }
  return {
    async fetch(max, waitMs) {
      let ready = pending()
      if (ready.length === 0 && waitMs > 0) {
        await new Promise((r) => setTimeout(r, Math.min(waitMs, 5)))
        ready = pending()
      }
      const batch = ready.slice(0, max)
      for (const m of batch) position.set(`${m.topic}:${m.partition}`, m.offset + 1)
      return batch
    },
    async commit(offsets: readonly TopicPartitionOffset[], checkpoint?: string) {
      for (const o of offsets) group.set(`${o.topic}:${o.partition}`, o.offset)
      if (checkpoint !== undefined) group.set(`checkpoint:${String(options.member.index)}:${checkpoint}`, 0)
      await Promise.resolve()
    },
    checkpoint() {
      const prefix = `checkpoint:${String(options.member.index)}:`
      const found = [...group.keys()].filter((k) => k.startsWith(prefix)).at(-1)
      return Promise.resolve(found === undefined ? null : found.slice(prefix.length))
    },
    lag: () => Promise.resolve(pending().length),
    close: () => Promise.resolve(),
  }
}

/** Creates an empty in-memory backend; topics are auto-created with `defaultPartitions`. */
export function createMemoryTopicBackend(defaultPartitions = 1): MemoryTopicBackend {
  const state: MemoryState = { topics: new Map(), groups: new Map(), sourceOffsets: new Map() }
  const partitioner = createPartitioner()
  let failures: { error: Error; count: number } | undefined
  const ensure = (spec: TopicSpec): ConsumedMessage[][] => {
    const existing = state.topics.get(spec.name)
    if (existing !== undefined) return existing
    const created = Array.from({ length: spec.partitions ?? defaultPartitions }, () => [] as ConsumedMessage[])
    state.topics.set(spec.name, created)
    return created
  }
  const append = (m: TopicMessage): void => {
    const partitions = ensure({ name: m.topic })
    const p = m.partition ?? partitioner(m.key, partitions.length)
    const log = partitions[p]
    if (log === undefined) throw new Error(`topic '${m.topic}' has no partition ${p}`)
    log.push({ ...m, partition: p, offset: log.length })
  }
  const backend: MemoryTopicBackend = {
    kind: 'memory',
    ensureTopic: (spec) => Promise.resolve(void ensure(spec)),
    async produce(messages, sourceOffsets?: SourceOffsetCommit) {
      await Promise.resolve()
      if (failures !== undefined && failures.count > 0) {
        failures.count--
        throw failures.error
      }
      messages.forEach(append)
      for (const { partition, offset } of sourceOffsets?.offsets ?? []) {
        const key = sourcePartitionKey(sourceOffsets?.connector ?? '', partition)
        if (offset === null) state.sourceOffsets.delete(key)
        else state.sourceOffsets.set(key, { connector: sourceOffsets?.connector ?? '', partition, offset })
      }
    },
    readSourceOffset: (connector, partition) => Promise.resolve(state.sourceOffsets.get(sourcePartitionKey(connector, partition))?.offset ?? null),
    listSourceOffsets: (connector) => Promise.resolve([...state.sourceOffsets.values()].filter((e) => e.connector === connector).map(({ partition, offset }) => ({ partition, offset }))),
    consumer: (options) => Promise.resolve(consumerOf(state, options)),
    listGroupOffsets: (group) =>
      Promise.resolve([...(state.groups.get(group) ?? new Map<string, number>())].filter(([k]) => !k.startsWith('checkpoint:')).map(([k, offset]) => {
        const at = k.lastIndexOf(':')
        return { topic: k.slice(0, at), partition: Number(k.slice(at + 1)), offset }
      })),
    alterGroupOffsets(group, changes) {
      const offsets = state.groups.get(group) ?? new Map<string, number>()
      state.groups.set(group, offsets)
      for (const c of changes) {
        if (c.offset === null) offsets.delete(`${c.topic}:${String(c.partition)}`)
        else offsets.set(`${c.topic}:${String(c.partition)}`, c.offset)
      }
      return Promise.resolve()
    },
    resetGroupOffsets(group) {
      const offsets = state.groups.get(group)
      for (const k of offsets?.keys() ?? []) if (!k.startsWith('checkpoint:')) offsets?.delete(k)
      return Promise.resolve()
    },
    close: () => Promise.resolve(),
    messages: (topic) => (state.topics.get(topic) ?? []).flat(),
    failNextProduce: (error, count = 1) => {
      failures = { error, count }
    },
  }
  return backend
}
