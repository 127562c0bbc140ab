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
  close(): Promise<void>
}
