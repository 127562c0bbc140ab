import type { PolledRecord, SourceRecord } from '../records/connect-record.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { SourceTaskContext } from './task-context.js'

/**
 * A running source task (Kafka Connect `SourceTask`, Conduit source).
 *
 * The engine calls `start` once, then `poll` in a loop (never concurrently), and `stop` once.
 * Records carry their source partition and offset; the engine commits an offset only after the
 * topic backend durably accepted the record (embedded: in the same transaction).
 *
 * @example
 * ```ts
 * const task: SourceTask = {
 *   async start(ctx) { position = Number((await ctx.offsets.offset({ file: 'a' }))?.['pos'] ?? 0) },
 *   async poll() { return [{ sourcePartition: { file: 'a' }, sourceOffset: { pos: ++position }, value: 'x' }] },
 *   async stop() {},
 * }
 * ```
 */
export interface SourceTask {
  start(context: SourceTaskContext): Promise<void>
  /**
   * The next batch. An empty batch means "nothing right now": the engine waits a little and
   * polls again. Throw `RetriableError` for transient failures (retried with backoff).
   */
  poll(): Promise<readonly PolledRecord[]>
  /** Called after offsets up to now were committed (Kafka Connect `SourceTask.commit`). */
  commit?(): Promise<void>
  /** Called per record once the backend acknowledged it (`commitRecord`); `null` topic offset when dropped. */
  commitRecord?(record: SourceRecord, offset: number | null): Promise<void>
  /** What goes wrong while the task keeps running and retrying (shown as `problem` in its status), or undefined. */
  problem?(): string | undefined
  /**
   * True after an empty poll that still made progress on input it has not turned into records
   * yet (the file source inside a long line): `--max-idle` does not count that as idle, and the
   * engine polls again without waiting.
   */
  isBusy?(): boolean
  stop(): Promise<void>
}

/** A source connector plugin: splits its config into task configs and creates tasks. */
export interface SourceConnector {
  readonly type: 'source'
  /** Problems with `config`, as messages; empty when valid. */
  validate?(config: ConnectorConfig): readonly string[]
  /** At most `maxTasks` task configs (Kafka Connect `taskConfigs(maxTasks)`). */
  taskConfigs(config: ConnectorConfig, maxTasks: number): readonly ConnectorConfig[]
  createTask(): SourceTask
}
