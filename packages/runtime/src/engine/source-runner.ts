import type { PolledRecord, SourceRecord } from '../records/connect-record.js'
import type { SourceTask } from '../tasks/source-task.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { TopicBackend, TopicMessage } from '../topics/topic-backend.js'
import { sourcePartitionKey } from '../topics/partitioner.js'
import type { ChainStep } from '../transforms/transform-chain.js'
import { applyChain, TransformError } from '../transforms/transform-chain.js'
import { deadLetterMessage } from './dead-letter.js'
import { StageError, toleranceExceeded } from './error-policy.js'
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

function lastOffsets(connector: string, records: readonly SourceRecord[]): { partition: SourceRecord['sourcePartition']; offset: SourceRecord['sourceOffset'] }[] {
  const last = new Map<string, SourceRecord>()
  let previous: SourceRecord['sourcePartition'] | undefined
  let previousKey = ''
  for (const r of records) {
    if (r.sourcePartition !== previous) {
      previous = r.sourcePartition
      previousKey = sourcePartitionKey(connector, r.sourcePartition)
    }
    last.set(previousKey, r)
  }
  return [...last.values()].map((r) => ({ partition: r.sourcePartition, offset: r.sourceOffset }))
}

function encodeOne(deps: SourceRunnerDeps, record: SourceRecord): TopicMessage[] {
  try {
    if (deps.chain.length === 0) return [deps.codec.encode(record)]
    return applyChain(deps.chain, record).map((r) => deps.codec.encode(r))
  } catch (error) {
    const failure = error instanceof StageError ? error : error instanceof TransformError ? new StageError('TRANSFORMATION', error.className, error.cause) : undefined
    if (failure === undefined || deps.control.policy.tolerance === 'none') throw failure === undefined ? error : toleranceExceeded(failure)
    deps.control.count({ errors: 1 })
    const dlq = deps.control.policy.deadLetterTopic
    if (dlq === undefined) return []
    const original: TopicMessage = { topic: record.topic, partition: null, key: null, value: null, headers: [], timestamp: record.timestamp ?? 0 }
    return [deadLetterMessage(dlq, { connector: deps.connector, taskId: deps.control.id, original }, failure, deps.control.policy.contextHeaders)]
  }
}

async function processBatch(deps: SourceRunnerDeps, batch: readonly PolledRecord[]): Promise<void> {
  const now = deps.control.clock.now()
  const records = batch.map((p) => complete(deps, p, now))
  const messages = records.flatMap((r) => encodeOne(deps, r))
  const offsets = lastOffsets(deps.connector, records)
  await deps.control.retried(() => deps.backend.produce(messages, { connector: deps.connector, offsets }))
  deps.control.count({ in: batch.length, out: messages.length })
  if (deps.task.commitRecord !== undefined) for (const r of records) await deps.task.commitRecord(r, null)
  await deps.task.commit?.()
}

/** Polls the task until stopped: transform, convert, produce with offsets; an error fails the task. */
export async function runSourceTask(deps: SourceRunnerDeps, start: () => Promise<void>): Promise<void> {
  const { control, task } = deps
  try {
    await start()
    control.setState('RUNNING')
    while (!control.isStopping()) {
      await control.whileRunnable()
      if (control.isStopping()) break
      const batch = await control.retriedForever(() => task.poll())
      if (batch.length === 0) await control.sleep(deps.idleWaitMs)
      else await processBatch(deps, batch)
    }
    await task.stop()
  } catch (error) {
    control.fail(error)
    await task.stop().catch(() => undefined)
  }
}
