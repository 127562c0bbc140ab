import type { Observable } from 'rxjs'
import type { ConnectorDocument, ConnectorStatus, OffsetsBody, TargetState, ConnectorConfig } from '@pipe/dsl/contract'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { Clock } from '../tasks/task-context.js'
import type { TopicBackend, TopicSpec } from '../topics/topic-backend.js'
import type { StepFunction } from '../tasks/transformation.js'
import type { EnvSource } from './config-providers.js'
import type { TaskMetrics } from './connector-status.js'

/** How to build an engine. */
export interface EngineOptions {
  readonly backend: TopicBackend
  /** Connectors, transforms and predicates by class name (see `defaultRegistry`). */
  readonly registry: ConnectorRegistry
  /** TypeScript step functions by stable id (dsl `getStepFunctions(pipeline)`). */
  readonly steps?: ReadonlyMap<string, StepFunction>
  readonly clock?: Clock
  /** Reported as `worker_id` in statuses. */
  readonly workerId?: string
  /** Wait after an empty source poll, in ms. @default 50 */
  readonly idleWaitMs?: number
  /** Where config-provider placeholders (`${env:VAR}`) are read, once per connector. @default process.env */
  readonly configEnv?: EnvSource
  /**
   * A placeholder that cannot be resolved: `'fail-tasks'` starts the connector and fails its tasks
   * with the error (a worker); `'refuse'` makes `start()` throw before anything starts (`pipe run`).
   * @default 'fail-tasks'
   */
  readonly unresolvedConfig?: 'refuse' | 'fail-tasks'
  /** Topics `start()` checks and creates before any connector (`pipe run`: the pipelines' declared topics). */
  readonly topics?: readonly TopicSpec[]
  /** Embedded store: `start()` commits each checkpointing sink task's first checkpoint before any task starts (see `seedSinkCheckpoints`). @default false */
  readonly seedSinkCheckpoints?: boolean
  /** How often `metrics$` samples, and `status$` looks for changes no event announces (a task's problem). @default 100 */
  readonly sampleMs?: number
}

/** Options of a connector restart (`POST /connectors/{c}/restart`). */
export interface RestartOptions {
  readonly includeTasks?: boolean
  readonly onlyFailed?: boolean
}

/** One connector at one moment: its status, its tasks' counters and (sinks, when known) its lag. */
export interface ConnectorSample {
  readonly status: ConnectorStatus
  readonly metrics: readonly TaskMetrics[]
  readonly lag: number | undefined
}

/** Start-ups of connector instances and tasks (Kafka Connect's connect-worker-metrics `*-startup-*`). */
export interface StartupCounts {
  readonly connectorAttempts: number
  readonly connectorFailures: number
  readonly taskAttempts: number
  readonly taskFailures: number
}

/**
 * Distributed mode: a group of workers spreads each connector's instance and tasks over its members;
 * the engine runs the parts assigned to this worker, each alone, with the configs the group agreed on.
 */
export interface AssignedWork {
  /**
   * Runs the connector instance: resolves its config and creates its topics (not when STOPPED); its
   * state follows `target`. Resolves to the trace of a failure (secrets hidden; the state is FAILED), else undefined.
   */
  startConnector(def: ConnectorDocument, target: TargetState): Promise<string | undefined>
  /** Forgets a connector instance (its tasks here, if any, keep running until stopped). */
  dropConnector(name: string): void
  /** Starts task `task` of `count` with this task config (placeholders resolved once, for the task). */
  startTask(def: ConnectorDocument, taskConfig: ConnectorConfig, task: number, count: number): void
  pauseTask(name: string, task: number): void
  resumeTask(name: string, task: number): void
  /** Stops a task gracefully (its batch finishes, offsets are committed). */
  stopTask(name: string, task: number): Promise<void>
}

/** The running engine: starts connectors, controls them, reports status. */
export interface Engine {
  /** Validates and resolves every config, creates topics, then starts each connector's tasks; resolves once all tasks were started. */
  start(connectors: readonly ConnectorDocument[]): Promise<void>
  pause(name: string): void
  resume(name: string): Promise<void>
  restart(name: string, options?: RestartOptions): Promise<void>
  /** Restarts one task (`POST /connectors/{c}/tasks/{t}/restart`); the connector's other tasks keep running. */
  restartTask(name: string, task: number): Promise<void>
  /** Stops a connector's tasks gracefully (offsets flushed); its state becomes STOPPED. */
  stopConnector(name: string): Promise<void>
  status(name: string): ConnectorStatus
  statuses(): readonly ConnectorStatus[]
  metrics(name: string): readonly TaskMetrics[]
  /**
   * Each connector's status when subscribed, then again whenever it changes: a state, a trace or
   * a problem of the connector or of one of its tasks (problems are looked at every `sampleMs`).
   */
  readonly status$: Observable<ConnectorStatus>
  /** Every connector's status, counters and lag, every `sampleMs` (lag read at most once a second). */
  readonly metrics$: Observable<readonly ConnectorSample[]>
  /** The same figures now (e.g. the totals after `stop()`). */
  sample(): Promise<readonly ConnectorSample[]>
  /** Connector instances and tasks started since the engine was created, and how many of them failed to start. */
  startups(): StartupCounts
  /** The size on disk of the store the engine writes to (the embedded store); undefined on Kafka. */
  storeBytes(): number | undefined
  /** Records a sink's consumer group has not read yet; embedded store only (on Kafka it would join the group): else undefined. */
  lag(name: string): Promise<number | undefined>
  /** Committed offsets, shaped like `GET /connectors/{c}/offsets` (sources: their partitions; sinks: `kafka_topic`/`kafka_partition` -> `kafka_offset`). */
  offsets(name: string): Promise<OffsetsBody>
  /** True when every task is FAILED, or is past its start, holds no records in progress and has done nothing for `idleMs` (for `--max-idle`). */
  isIdle(idleMs: number): boolean
  /** Distributed mode: the connector instances and single tasks this worker was assigned. */
  readonly assigned: AssignedWork
  /** Stops everything gracefully: each task finishes its batch, flushes and commits offsets. */
  stop(): Promise<void>
}
