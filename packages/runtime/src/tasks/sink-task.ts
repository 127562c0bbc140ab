import type { SinkRecord, TopicPartitionOffset } from '../records/connect-record.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { SinkTaskContext } from './task-context.js'

/**
 * A running sink task (Kafka Connect `SinkTask`).
 *
 * The engine calls `start` once, then `put` with batches (never concurrently), then `flush` with
 * the offsets it is about to commit: a sink must make every record it was `put` durable before
 * `flush` resolves. The engine commits consumer offsets only after `flush` resolves. `stop` last.
 * Throw `RetriableError` from `put`/`flush` for transient failures (the batch is retried).
 */
export interface SinkTask {
  start(context: SinkTaskContext): Promise<void>
  put(records: readonly SinkRecord[]): Promise<void>
  /** Next offsets to read, per topic partition (offset = last delivered + 1). */
  flush(offsets: readonly TopicPartitionOffset[]): Promise<void>
  /** Optional state to commit with the offsets after `flush` (see `SinkTaskContext.checkpoint`). */
  checkpoint?(): string
  /** What goes wrong while the task keeps running and retrying (shown as `problem` in its status), or undefined. */
  problem?(): string | undefined
  stop(): Promise<void>
  /**
   * True when the task writes a string value as the bytes it was decoded from, where the records carry
   * them (`rawTextLines`). Without SMTs and with a UTF-8 StringConverter the engine then decodes a value
   * only when the task reads it: a record that only passes through is never turned into a string.
   */
  readonly writesRawText?: boolean
}

/** A sink connector plugin: splits its config into task configs and creates tasks. */
export interface SinkConnector {
  readonly type: 'sink'
  validate?(config: ConnectorConfig): readonly string[]
  taskConfigs(config: ConnectorConfig, maxTasks: number): readonly ConnectorConfig[]
  createTask(): SinkTask
}
