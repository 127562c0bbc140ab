import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { ConnectRecord, SourceOffset, SourcePartition } from '../records/connect-record.js'

/** Wall-clock time in epoch milliseconds; injected so tests control it. */
export interface Clock {
  now(): number
}

/** Where connectors that print (console sink, stdin-less file sink) write lines; never console.log. */
export interface LineWriter {
  write(line: string): void
}

/** Reads the committed offsets of a source connector (Kafka Connect `OffsetStorageReader`). */
export interface OffsetReader {
  /** The last committed offset of `partition`, or `null` when it has none. */
  offset(partition: SourcePartition): Promise<SourceOffset | null>
}

/** What every task is started with. */
export interface TaskContext {
  readonly connectorName: string
  readonly taskId: number
  /** This task's config, as its connector's `taskConfigs` produced it. */
  readonly config: ConnectorConfig
  readonly clock: Clock
  /** Aborted when the task must stop; long waits inside a task should honour it. */
  readonly signal: AbortSignal
}

/** A source task's context: also reads its committed offsets, to resume from them. */
export interface SourceTaskContext extends TaskContext {
  readonly offsets: OffsetReader
}

/** A sink task's context. */
export interface SinkTaskContext extends TaskContext {
  /**
   * What the task's `checkpoint()` returned at the last offset commit (`null` when none). The
   * embedded store commits it in the same transaction as the consumer offsets, so a sink can tell
   * its own writes made after that commit (the file sink matches redelivered records against them
   * instead of writing them twice): exactly once on restart.
   */
  readonly checkpoint?: string | null
  /** Writes records to topics of the engine's backend with the connector's converters (topic-to-topic). */
  readonly output?: RecordOutput
}

/** Produces records to the engine's topic backend; resolves once they are durable. */
export interface RecordOutput {
  send(records: readonly ConnectRecord[]): Promise<void>
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() }
