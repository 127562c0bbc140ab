/** Observed states of connectors and tasks, as Kafka Connect reports them. */
export const CONNECT_STATES = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RESTARTING'] as const
export type ConnectState = (typeof CONNECT_STATES)[number]

/** One task's status (`GET /connectors/{c}/tasks/{n}/status`); `trace` only when FAILED. */
export interface TaskStatus {
  readonly id: number
  readonly state: ConnectState
  readonly worker_id: string
  readonly trace?: string
  /**
   * pipe's addition: what goes wrong while the task stays RUNNING and retries (Kafka Connect keeps a
   * task RUNNING while it retries within `errors.retry.timeout`, and says nothing in its status).
   */
  readonly problem?: string
}

/** A connector's status, shaped like Kafka Connect's `GET /connectors/{name}/status`. */
export interface ConnectorStatus {
  readonly name: string
  readonly connector: { readonly state: ConnectState; readonly worker_id: string; readonly trace?: string }
  readonly tasks: readonly TaskStatus[]
  readonly type: 'source' | 'sink'
}

/** Per-task counters for progress displays (`pipe run`). */
export interface TaskMetrics {
  readonly recordsIn: number
  readonly recordsOut: number
  /** Records skipped by `errors.tolerance=all`. */
  readonly errors: number
  /** Retries of failed polls, puts, flushes and produces (a sink outage shows up here). */
  readonly retries: number
  /** Epoch ms of the last non-empty batch, or of the task's start. */
  readonly lastActivity: number
}
