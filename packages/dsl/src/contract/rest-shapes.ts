/**
 * Kafka Connect's REST shapes, as its worker answers them (snake_case keys kept): what pipe's worker
 * serves and what `pipe deploy`, `pipe status` and `pipe offsets` read.
 */
import type { ConnectorConfig } from './connector-document.js'

/** Observed states of connectors and tasks, as Kafka Connect reports them. */
export const CONNECT_STATES = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RESTARTING'] as const
export type ConnectState = (typeof CONNECT_STATES)[number]

/** Target states a user sets (`initial_state`, pause, resume, stop). */
export type TargetState = 'RUNNING' | 'PAUSED' | 'STOPPED'

/** A connector's type in REST answers. */
export type ConnectorType = 'source' | 'sink' | 'unknown'

/** One task's status (`GET /connectors/{c}/tasks/{n}/status`); `trace` only when FAILED. */
export interface TaskStatus {
  readonly id: number
  readonly state: ConnectState
  readonly worker_id: string
  /** The plugin's version (Kafka Connect 4.1+, KIP-891), once the task was started: not while UNASSIGNED. */
  readonly version?: string
  readonly trace?: string
  /**
   * pipe's addition: what goes wrong while the task stays RUNNING and retries (Kafka Connect keeps a
   * task RUNNING while it retries within `errors.retry.timeout`, and says nothing in its status).
   */
  readonly problem?: string
}

/** `ConnectorStateInfo`: `GET /connectors/{name}/status`. */
export interface ConnectorStatus {
  readonly name: string
  readonly connector: { readonly state: ConnectState; readonly worker_id: string; readonly version?: string; readonly trace?: string }
  readonly tasks: readonly TaskStatus[]
  readonly type: ConnectorType
}

/** `ConnectorInfo`: `GET /connectors/{c}`. */
export interface ConnectorInfo {
  readonly name: string
  readonly config: ConnectorConfig
  readonly tasks: readonly { readonly connector: string; readonly task: number }[]
  readonly type: ConnectorType
}

/** `TaskInfo`: one entry of `GET /connectors/{c}/tasks`. */
export interface TaskInfo {
  readonly id: { readonly connector: string; readonly task: number }
  readonly config: ConnectorConfig
}

/** One entry of `{"offsets": [...]}`; `offset: null` resets that partition. */
export interface OffsetEntry {
  readonly partition: Readonly<Record<string, unknown>>
  readonly offset: Readonly<Record<string, unknown>> | null
}

/** `GET/PATCH /connectors/{name}/offsets`: Kafka Connect's offsets body. */
export interface OffsetsBody {
  readonly offsets: readonly OffsetEntry[]
}
