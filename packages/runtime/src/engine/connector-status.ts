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
