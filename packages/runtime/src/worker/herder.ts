import type { ConnectorStatus, TaskStatus } from '../engine/connector-status.js'

/** A connector's raw config: placeholders such as `${env:VAR}` stay unresolved. */
export type RawConfig = Readonly<Record<string, string>>

/** Target states a user sets (`initial_state`, pause, resume, stop). */
export type TargetState = 'RUNNING' | 'PAUSED' | 'STOPPED'

/** `ConnectorInfo`: `GET /connectors/{c}`. */
export interface ConnectorInfo {
  readonly name: string
  readonly config: RawConfig
  readonly tasks: readonly { readonly connector: string; readonly task: number }[]
  readonly type: 'source' | 'sink' | 'unknown'
}

/** `TaskInfo`: one entry of `GET /connectors/{c}/tasks`. */
export interface TaskInfo {
  readonly id: { readonly connector: string; readonly task: number }
  readonly config: RawConfig
}

/** One entry of `{"offsets": [...]}`. */
export interface OffsetEntry {
  readonly partition: Readonly<Record<string, unknown>>
  readonly offset: Readonly<Record<string, unknown>> | null
}

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
 * topics and forward writes to the leader. Every method throws `RestError` for a REST answer.
 */
export interface Herder {
  connectorNames(): Promise<readonly string[]>
  connectorInfo(name: string): Promise<ConnectorInfo>
  connectorConfig(name: string): Promise<RawConfig>
  createConnector(name: string, config: RawConfig, initialState?: TargetState): Promise<ConnectorInfo>
  putConnectorConfig(name: string, config: RawConfig): Promise<PutResult>
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
