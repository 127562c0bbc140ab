import type { SinkRecord, TopicPartitionOffset } from '../records/connect-record.js'
import type { SinkTask } from '../tasks/sink-task.js'
import type { ConsumedMessage, TopicBackend, TopicConsumer, TopicMessage } from '../topics/topic-backend.js'
import type { ChainStep } from '../transforms/transform-chain.js'
import { applyChain, TransformError } from '../transforms/transform-chain.js'
import { deadLetterMessage } from './dead-letter.js'
import { consumedRecordText, StageError, toleranceExceeded } from './error-policy.js'
import type { RecordCodec } from './record-codec.js'
import type { TaskControl } from './task-control.js'

/** What a sink runner needs. */
export interface SinkRunnerDeps {
  readonly connector: string
  readonly task: SinkTask
  readonly control: TaskControl
  readonly backend: TopicBackend
  readonly consumer: () => Promise<TopicConsumer>
  readonly chain: readonly ChainStep[]
  readonly codec: RecordCodec
  readonly batchSize: number
  /** `offset.flush.interval.ms`: how often `flush` and the offset commit run while records flow. */
  readonly flushIntervalMs: number
}

interface Decoded {
  readonly records: SinkRecord[]
  readonly deadLetters: TopicMessage[]
}

function decodeAll(deps: SinkRunnerDeps, messages: readonly ConsumedMessage[]): Decoded {
  const out: Decoded = { records: [], deadLetters: [] }
  // without SMTs, a task that writes string values as their bytes (the file sink) gets the topic's bytes, and the
  // value is decoded only if it reads it
  const raw = deps.chain.length === 0 && deps.codec.valueIsUtf8Text && deps.task.writesRawText === true
  for (const m of messages) {
    try {
      if (raw && m.value !== null) {
        out.records.push(deps.codec.decodeRawText(m as ConsumedMessage & { readonly value: Uint8Array })) // cast: checked just above
        continue
      }
      out.records.push(...applyChain(deps.chain, deps.codec.decode(m)))
    } catch (error) {
      const failure = error instanceof StageError ? error : error instanceof TransformError ? new StageError('TRANSFORMATION', error.className, error.cause, consumedRecordText(m)) : undefined
      if (failure === undefined || deps.control.policy.tolerance === 'none') {
        deps.control.count({ failures: 1 })
        throw failure === undefined ? error : toleranceExceeded(failure)
      }
      const dlq = deps.control.policy.deadLetterTopic
      deps.control.count({ errors: 1, failures: 1, deadLetters: dlq === undefined ? 0 : 1 })
      if (dlq !== undefined) out.deadLetters.push(deadLetterMessage(dlq, { connector: deps.connector, taskId: deps.control.id, original: m }, failure, deps.control.policy.contextHeaders))
    }
  }
  return out
}

class OffsetTracker {
  readonly #next = new Map<string, TopicPartitionOffset>()
  #dirty = false
  track(messages: readonly ConsumedMessage[]): void {
    // only the last message of each run of one topic partition counts: no work per record
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]
      const following = messages[i + 1]
      if (m === undefined || (following !== undefined && following.topic === m.topic && following.partition === m.partition)) continue
      this.#next.set(`${m.topic}:${String(m.partition)}`, { topic: m.topic, partition: m.partition, offset: m.offset + 1 })
    }
    this.#dirty ||= messages.length > 0
  }
  get dirty(): boolean {
    return this.#dirty
  }
  /** The offsets to flush and commit; those `keep` leaves out (partitions no longer this task's) are forgotten. */
  take(keep?: (offsets: readonly TopicPartitionOffset[]) => readonly TopicPartitionOffset[]): readonly TopicPartitionOffset[] {
    this.#dirty = false
    const all = [...this.#next.values()]
    const kept = keep === undefined ? all : keep(all)
    if (kept.length !== all.length) {
      this.#next.clear()
      for (const o of kept) this.#next.set(`${o.topic}:${String(o.partition)}`, o)
    }
    return kept
  }
}

async function commit(deps: SinkRunnerDeps, consumer: TopicConsumer, offsets: OffsetTracker): Promise<void> {
  if (!offsets.dirty) return
  const next = offsets.take(consumer.committable?.bind(consumer))
  try {
    await deps.control.retriedForever(() => deps.task.flush(next))
    await consumer.commit(next, deps.task.checkpoint?.())
  } catch (error) {
    deps.control.count({ commitFailures: 1 })
    throw error
  }
  deps.control.count({ commits: 1 })
}

/** The oldest timestamp of a batch (a record without one, timestamp <= 0, does not count). */
function oldestTimestamp(messages: readonly ConsumedMessage[]): number | undefined {
  let oldest: number | undefined
  for (const m of messages) if (m.timestamp > 0 && (oldest === undefined || m.timestamp < oldest)) oldest = m.timestamp
  return oldest
}

async function deliver(deps: SinkRunnerDeps, messages: readonly ConsumedMessage[]): Promise<void> {
  const { records, deadLetters } = decodeAll(deps, messages)
  if (deadLetters.length > 0) await deps.control.retried(() => deps.backend.produce(deadLetters))
  const started = deps.control.clock.now()
  if (records.length > 0) await deps.control.retriedForever(() => deps.task.put(records))
  const done = deps.control.clock.now()
  const oldest = records.length > 0 ? oldestTimestamp(messages) : undefined
  const batch = records.length > 0 ? { batch: records.length, batchMs: done - started } : {}
  const latency = oldest === undefined ? {} : { latencyMs: Math.max(0, done - oldest) }
  deps.control.count({ in: messages.length, out: records.length, ...batch, ...latency })
}

/** Reads the topics until stopped: convert, transform, put; flush then commit offsets; stop flushes too. */
export async function runSinkTask(deps: SinkRunnerDeps, start: (checkpoint: string | null) => Promise<void>): Promise<void> {
  const { control, task } = deps
  let consumer: TopicConsumer | undefined
  try {
    consumer = await deps.consumer()
    const checkpoint = await consumer.checkpoint()
    await start(checkpoint)
    // record the sink's starting point, so that writes before the first commit can be undone too
    if (checkpoint === null && task.checkpoint !== undefined) await consumer.commit([], task.checkpoint())
    control.setState('RUNNING')
    const offsets = new OffsetTracker()
    let lastFlush = control.clock.now()
    while (!control.isStopping()) {
      await control.nextTurn()
      // as Kafka Connect's paused sink task: what was delivered is flushed and committed, not held for the whole pause
      if (control.isPaused()) await commit(deps, consumer, offsets)
      await control.whileRunnable()
      const messages = control.isStopping() ? [] : await consumer.fetch(deps.batchSize, 100)
      if (messages.length > 0) await control.busy(() => deliver(deps, messages))
      offsets.track(messages)
      if (messages.length === 0 || control.clock.now() - lastFlush >= deps.flushIntervalMs) {
        await commit(deps, consumer, offsets)
        lastFlush = control.clock.now()
      }
    }
    await commit(deps, consumer, offsets)
    await task.stop()
  } catch (error) {
    control.fail(error)
    await task.stop().catch(() => undefined)
  } finally {
    await consumer?.close().catch(() => undefined)
  }
}
