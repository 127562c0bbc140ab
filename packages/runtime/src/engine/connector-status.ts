/**
 * Per-task counters: `pipe run`'s progress, and the Kafka Connect metrics of `/metrics`
 * (connector-task-metrics, source-task-metrics, sink-task-metrics, task-error-metrics).
 */
export interface TaskMetrics {
  /** Records polled (source) or read from the topics (sink), before transforms. */
  readonly recordsIn: number
  /** Records written to the topics (source) or sent to the task's `put` (sink), after transforms. */
  readonly recordsOut: number
  /** Records skipped by `errors.tolerance=all`. */
  readonly errors: number
  /** Retries of failed polls, puts, flushes and produces (a sink outage shows up here). */
  readonly retries: number
  /** Epoch ms of the last non-empty batch, or of the task's start. */
  readonly lastActivity: number
  /** Non-empty batches polled (source) or put (sink). */
  readonly batches: number
  /** The largest batch, in records. */
  readonly batchSizeMax: number
  /** Time spent in `poll` (source) or `put` (sink) over all non-empty batches, and the longest one, in ms. */
  readonly batchTimeMs: number
  readonly batchTimeMaxMs: number
  /** Offset commits that succeeded and that failed. */
  readonly offsetCommits: number
  readonly offsetCommitFailures: number
  /** Records that failed in a stage (tolerated or not), and dead letters produced. */
  readonly failures: number
  readonly deadLetters: number
  /** Epoch ms of the last record error, 0 when none. */
  readonly lastErrorAt: number
  /** Epoch ms the task started, and ms spent RUNNING and PAUSED up to `stateSince`, in the state it is in since then. */
  readonly startedAt: number
  readonly runningMs: number
  readonly pausedMs: number
  readonly stateSince: number
  /** Sinks: end-to-end latency of the records put (put done minus each record's timestamp), in ms: the sum over
   * the batches of each batch's oldest record, the batches counted, and the largest. */
  readonly latencyMsTotal: number
  readonly latencyBatches: number
  readonly latencyMsMax: number
}

/** A change to a task's counters (`TaskControl.count`). */
export interface MetricsChange {
  readonly in?: number
  readonly out?: number
  readonly errors?: number
  readonly retries?: number
  /** One batch of this many records that took `batchMs`. */
  readonly batch?: number
  readonly batchMs?: number
  readonly commits?: number
  readonly commitFailures?: number
  readonly failures?: number
  readonly deadLetters?: number
  /** A sink batch put: ms from its oldest record's timestamp until the put finished. */
  readonly latencyMs?: number
}
