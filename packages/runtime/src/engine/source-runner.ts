import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { PolledRecord, SourceRecord } from '../records/connect-record.js'
import type { SourceTask } from '../tasks/source-task.js'
import { requestBytes, type TopicBackend, type TopicMessage } from '../topics/topic-backend.js'
import { sourcePartitionKey } from '../topics/partitioner.js'
import type { ChainStep } from '../transforms/transform-chain.js'
import { applyChain, TransformError } from '../transforms/transform-chain.js'
import { awaitRoom } from './backpressure.js'
import { deadLetterMessage } from './dead-letter.js'
import { producedRecordText, StageError, toleranceExceeded } from './error-policy.js'
import type { RecordCodec } from './record-codec.js'
import type { TaskControl } from './task-control.js'

/** What a source runner needs. */
export interface SourceRunnerDeps {
  readonly connector: string
  readonly config: ConnectorConfig
  readonly task: SourceTask
  readonly control: TaskControl
  readonly backend: TopicBackend
  readonly chain: readonly ChainStep[]
  readonly codec: RecordCodec
  /** How long to wait after an empty poll. */
  readonly idleWaitMs: number
}

const NO_HEADERS: readonly [] = []

function complete(deps: SourceRunnerDeps, polled: PolledRecord, now: number): SourceRecord {
  // built field by field: a spread per record costs more than the rest of the hot path
  return {
    sourcePartition: polled.sourcePartition, sourceOffset: polled.sourceOffset,
    topic: polled.topic ?? deps.config['topic'] ?? '', kafkaPartition: polled.kafkaPartition ?? null,
    key: polled.key ?? null, keySchema: polled.keySchema ?? null, value: polled.value, valueSchema: polled.valueSchema ?? null,
    headers: polled.headers ?? NO_HEADERS, timestamp: polled.timestamp ?? now,
  }
}

type OffsetCommit = { partition: SourceRecord['sourcePartition']; offset: SourceRecord['sourceOffset'] }

/** The last source offset of each source partition among `records`, by partition key. */
function lastOffsets(connector: string, records: readonly SourceRecord[]): Map<string, OffsetCommit> {
  const last = new Map<string, OffsetCommit>()
  let previous: SourceRecord['sourcePartition'] | undefined
  let previousKey = ''
  for (const r of records) {
    if (r.sourcePartition !== previous) {
      previous = r.sourcePartition
      previousKey = sourcePartitionKey(connector, r.sourcePartition)
    }
    last.set(previousKey, { partition: r.sourcePartition, offset: r.sourceOffset })
  }
  return last
}

/** Transforms and converts one record into `out` (nothing, or a dead letter, for a tolerated failure). */
function encodeOne(deps: SourceRunnerDeps, record: SourceRecord, out: TopicMessage[]): void {
  const before = out.length
  try {
    if (deps.chain.length === 0) out.push(deps.codec.encode(record))
    else for (const r of applyChain(deps.chain, record)) out.push(deps.codec.encode(r))
  } catch (error) {
    out.length = before // none of a failed record's outputs go out
    const failure = error instanceof StageError ? error : error instanceof TransformError ? new StageError('TRANSFORMATION', error.className, error.cause, producedRecordText(record)) : undefined
    if (failure === undefined || deps.control.policy.tolerance === 'none') {
      deps.control.count({ failures: 1 })
      throw failure === undefined ? error : toleranceExceeded(failure)
    }
    const dlq = deps.control.policy.deadLetterTopic
    deps.control.count({ errors: 1, failures: 1, deadLetters: dlq === undefined ? 0 : 1 })
    if (dlq === undefined) return
    const original: TopicMessage = { topic: record.topic, partition: null, key: null, value: null, headers: [], timestamp: record.timestamp ?? 0 }
    out.push(deadLetterMessage(dlq, { connector: deps.connector, taskId: deps.control.id, original }, failure, deps.control.policy.contextHeaders))
  }
}

/** A polled batch, completed, transformed and converted: ready to produce. */
interface PreparedBatch {
  readonly polled: number
  /**
   * The completed records, for a task's `commitRecord`; empty for a task without one: a record is not kept
   * alive while its batch waits for the broker (fewer objects surviving young-generation collections)
   */
  readonly records: readonly SourceRecord[]
  /** The batch's last source offset per source partition, taken when it was prepared. */
  readonly offsets: ReadonlyMap<string, OffsetCommit>
  readonly messages: readonly TopicMessage[]
}

const NO_RECORDS: readonly SourceRecord[] = []

function prepare(deps: SourceRunnerDeps, batch: readonly PolledRecord[]): PreparedBatch {
  const now = deps.control.clock.now()
  const records = batch.map((p) => complete(deps, p, now))
  const messages: TopicMessage[] = []
  for (const r of records) encodeOne(deps, r, messages)
  const offsets = lastOffsets(deps.connector, records)
  return { polled: batch.length, records: deps.task.commitRecord === undefined ? NO_RECORDS : records, offsets, messages }
}

async function produceBatch(deps: SourceRunnerDeps, batch: PreparedBatch): Promise<void> {
  await awaitRoom(deps.control, deps.backend, batch.messages)
  if (deps.control.isStopping()) return // throttled until stopped: dropped, its offsets never committed
  const offsets = [...batch.offsets.values()]
  await deps.control.retried(() => deps.backend.produce(batch.messages, { connector: deps.connector, offsets }))
  deps.control.count({ in: batch.polled, out: batch.messages.length, commits: 1 })
  if (deps.task.commitRecord !== undefined) for (const r of batch.records) await deps.task.commitRecord(r, null)
  await deps.task.commit?.()
}

/** Polls once; a non-empty poll counts as a batch (batch-size, poll-batch-time). */
async function timedPoll(control: TaskControl, task: SourceTask): Promise<readonly PolledRecord[]> {
  const started = control.clock.now()
  const polled = await control.retriedForever(() => task.poll())
  if (polled.length > 0) control.count({ batch: polled.length, batchMs: control.clock.now() - started })
  return polled
}

/**
 * Records converted and produced per turn of the event loop, at most (the rest of a poll waits for the next turn).
 * On Kafka each produce waits for the broker's acknowledgement (one request in flight): 1024 instead of 256 is a
 * quarter of the waits (bench, 1M x 200 B, alternated: 150-156k -> 181-195k records per CPU-second). On the embedded
 * store each slice is one stored batch (a segment write and a SQLite transaction): 5M x 200 B, alternated, 256 ->
 * 1024: 8.9-9.3 s -> 7.2-8.4 s. Bigger slices (2048) measured the same, but left a sink of the same process (2000
 * records a fetch) further behind every turn, out of the store's tail and reading each batch back from its segment.
 */
const SLICE = 1024
/**
 * On Kafka, while one produce request waits for its acknowledgement, the runner keeps polling and converting
 * slices (as Kafka's producer accumulates records while a request is in flight) and produces them all in the
 * next request: up to this many messages and about this many bytes (under the client's 1,000,000-byte request
 * bound), so fewer and bigger requests when the broker is slow to answer and small ones when it is quick.
 */
const KAFKA_GATHER_MESSAGES = 4096
const KAFKA_GATHER_BYTES = 900_000

function messageBytes(messages: readonly TopicMessage[]): number {
  let n = 0
  for (const m of messages) n += requestBytes(m)
  return n
}

/** Batches prepared one after the other, as one: their records and messages in order. */
function merged(parts: readonly PreparedBatch[]): PreparedBatch {
  if (parts.length === 1) return parts[0] as PreparedBatch // length checked
  let polled = 0
  const records: SourceRecord[] = []
  const offsets = new Map<string, OffsetCommit>()
  const messages: TopicMessage[] = []
  for (const p of parts) {
    polled += p.polled
    for (const r of p.records) records.push(r)
    for (const [key, o] of p.offsets) offsets.set(key, o) // a later batch's offset of a partition replaces an earlier one's
    for (const m of p.messages) messages.push(m)
  }
  return { polled, records, offsets, messages }
}

/**
 * Polls the task until stopped: transform, convert, produce with offsets; an error fails the task.
 * The next batch is polled and converted while the previous one is being produced (one batch
 * ahead, as Kafka Connect's worker keeps polling while its producer sends), but batches are
 * produced one at a time and in order: a batch's offsets never overtake an earlier batch's records.
 */
export async function runSourceTask(deps: SourceRunnerDeps, start: () => Promise<void>): Promise<void> {
  const { control, task } = deps
  // a big poll is taken in slices, one per turn of the event loop: no slice holds the loop for long
  // (a cursor into the poll, not a copy of its rest per slice: that would be quadratic in the poll's size)
  let polled: readonly PolledRecord[] = []
  let at = 0
  const take = async (): Promise<readonly PolledRecord[]> => {
    if (at >= polled.length) [polled, at] = [await timedPoll(control, task), 0]
    const part = at === 0 && polled.length <= SLICE ? polled : polled.slice(at, at + SLICE)
    at += part.length
    return part
  }
  const next = async (): Promise<PreparedBatch> => prepare(deps, await take())
  const gather = deps.backend.kind === 'kafka'
  // more slices while the batch before is still in flight, one per turn of the event loop (acknowledgements,
  // sinks and timers run between them); an empty poll, a stop or a full request ends the gathering
  const gatherWhile = async (first: PreparedBatch, inFlight: () => boolean): Promise<PreparedBatch> => {
    const parts = [first]
    let count = first.messages.length
    let bytes = messageBytes(first.messages)
    while (first.polled > 0 && count + SLICE <= KAFKA_GATHER_MESSAGES && bytes < KAFKA_GATHER_BYTES) {
      await control.nextTurn()
      if (!inFlight() || control.isStopping() || control.isPaused()) break
      const more = await next()
      if (more.polled === 0) break
      parts.push(more)
      count += more.messages.length
      bytes += messageBytes(more.messages)
    }
    return merged(parts)
  }
  let ahead: Promise<PreparedBatch> | undefined
  try {
    await start()
    control.setState('RUNNING')
    while (!control.isStopping()) {
      await control.nextTurn()
      await control.whileRunnable()
      if (control.isStopping()) break
      const batch = await (ahead ?? next())
      ahead = undefined
      if (batch.polled === 0) {
        if (task.isBusy?.() === true) control.touch()
        else await control.sleep(deps.idleWaitMs)
        continue
      }
      let acknowledged = false
      const producing = control.busy(() => produceBatch(deps, batch)).finally(() => { acknowledged = true })
      ahead = gather ? next().then((first) => gatherWhile(first, () => !acknowledged)) : next()
      // settled by the next turn of the loop; observed here so that a failing poll while this batch is produced is not unhandled
      ahead.catch(() => undefined)
      await producing
    }
    // a batch polled ahead (or the rest of a poll) and not produced is dropped: its offsets were never committed
    await ahead?.catch(() => undefined)
    await task.stop()
  } catch (error) {
    control.fail(error)
    await ahead?.catch(() => undefined)
    await task.stop().catch(() => undefined)
  }
}
