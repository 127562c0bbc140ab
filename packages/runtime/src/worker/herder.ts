import type { ConnectorSample, StartupCounts } from '../engine/engine.js'
import type { ConnectorConfig, ConnectorInfo, ConnectorStatus, OffsetEntry, TargetState, TaskInfo, TaskStatus } from '@pipe/dsl/contract'

export interface RestartRequest {
  readonly includeTasks: boolean
  readonly onlyFailed: boolean
}

/** The result of a create or config put: `created` picks 201 over 200. */
export interface PutResult {
  readonly created: boolean
  readonly info: ConnectorInfo
}

/** Distributed mode: the group's rebalances as this worker saw them (connect-worker-rebalance-metrics). */
export interface RebalanceFigures {
  readonly leaderName: string
  readonly epoch: number
  readonly completedRebalances: number
  readonly rebalancing: boolean
  /** Epoch ms of the last completed rebalance, 0 before the first. */
  readonly lastRebalanceAt: number
  readonly rebalanceTimeMsTotal: number
  readonly rebalanceTimeMsMax: number
}

/** What a worker runs, at one moment: its connectors' figures (those whose tasks run here), start-ups, rebalances. */
export interface WorkerSample {
  readonly connectors: readonly ConnectorSample[]
  readonly startups: StartupCounts
  readonly rebalance?: RebalanceFigures
  /** The embedded store's size on disk, in bytes (absent on Kafka). */
  readonly storeBytes?: number | undefined
}

/** Start-up counts added up. */
export function addStartups(counts: readonly StartupCounts[]): StartupCounts {
  const zero: StartupCounts = { connectorAttempts: 0, connectorFailures: 0, taskAttempts: 0, taskFailures: 0 }
  return counts.reduce((a, b) => ({
    connectorAttempts: a.connectorAttempts + b.connectorAttempts, connectorFailures: a.connectorFailures + b.connectorFailures,
    taskAttempts: a.taskAttempts + b.taskAttempts, taskFailures: a.taskFailures + b.taskFailures,
  }), zero)
}

/**
 * What the REST API drives: Kafka Connect's `Herder`. The standalone herder keeps configs in
 * memory (plus the files given on the command line); a distributed one would keep them in Kafka
 * topics and forward writes to the leader. Every method throws a `WorkerError`
 * (worker-errors.ts) for a refusal; the REST API maps each to Kafka Connect's answer.
 */
export interface Herder {
  connectorNames(): Promise<readonly string[]>
  connectorInfo(name: string): Promise<ConnectorInfo>
  connectorConfig(name: string): Promise<ConnectorConfig>
  createConnector(name: string, config: ConnectorConfig, initialState?: TargetState): Promise<ConnectorInfo>
  putConnectorConfig(name: string, config: ConnectorConfig): Promise<PutResult>
  patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo>
  deleteConnector(name: string): Promise<void>
  connectorStatus(name: string): Promise<ConnectorStatus>
  taskConfigs(name: string): Promise<readonly TaskInfo[]>
  taskStatus(name: string, task: number): Promise<TaskStatus>
  /** `undefined`: nothing to report (204); else the status with RESTARTING instances (202). */
  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStatus | undefined>
  restartTask(name: string, task: number): Promise<void>
  pauseConnector(name: string): Promise<void>
  resumeConnector(name: string): Promise<void>
  stopConnector(name: string): Promise<void>
  offsets(name: string): Promise<readonly OffsetEntry[]>
  alterOffsets(name: string, offsets: readonly OffsetEntry[]): Promise<void>
  resetOffsets(name: string): Promise<void>
  topics(name: string): Promise<readonly string[]>
  resetTopics(name: string): Promise<void>
  /** The figures of `/metrics` and of the console; secrets never appear in them (names, counts and states only). */
  sample(): Promise<WorkerSample>
  close(): Promise<void>
}
