import type { ConnectorSample } from '../engine/engine.js'
import type { TaskMetrics } from '../engine/connector-status.js'
import type { WorkerSample } from '../worker/herder.js'

/** Which instances a metric has a value for: the worker, each connector, each task, each source task, each sink task. */
export type MetricScope = 'worker' | 'rebalance' | 'connector' | 'task' | 'source-task' | 'sink-task'

/** One task's figures as a metric sees them: its counters, its state, and its windowed rates. */
export interface TaskView {
  readonly connector: string
  readonly task: number
  readonly state: string
  readonly metrics: TaskMetrics
  /** Records per second over the last window: in (poll/read) and out (write/send). */
  readonly rateIn: number
  readonly rateOut: number
  /** The connector's consumer group lag (sinks on the embedded store), else undefined. */
  readonly lag: number | undefined
  readonly now: number
}

/** One exported metric: its Prometheus name, the Kafka Connect group and attribute it stands for, and its meaning. */
export interface MetricDefinition {
  readonly name: string
  /** Kafka Connect's MBean group (`kafka.connect:type=<group>`) and attribute; `pipe` for pipe's own. */
  readonly group: string
  readonly attribute: string
  readonly help: string
  readonly scope: MetricScope
  /** Extra label (beyond connector and task) whose value is part of the sample, e.g. `status`. */
  readonly extraLabel?: string
  /** The values: one per instance of the scope (undefined: no value for this instance). */
  readonly value: (view: Views) => readonly MetricValue[]
}

export interface MetricValue {
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

/** Everything the definitions read from one worker sample. */
export interface Views {
  readonly worker: WorkerSample
  readonly tasks: readonly TaskView[]
  readonly now: number
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)
const ratio = (m: TaskMetrics, state: string, which: 'RUNNING' | 'PAUSED', now: number): number => {
  const lifetime = now - m.startedAt
  const current = state === which ? now - m.stateSince : 0
  return lifetime <= 0 ? (state === which ? 1 : 0) : pct((which === 'RUNNING' ? m.runningMs : m.pausedMs) + current, lifetime)
}
const taskLabels = (t: TaskView): Record<string, string> => ({ connector: t.connector, task: String(t.task) })

function perTask(scope: 'task' | 'source-task' | 'sink-task', value: (t: TaskView) => number | undefined): (views: Views) => readonly MetricValue[] {
  return (views) => views.tasks.flatMap((t) => {
    const type = views.worker.connectors.find((c) => c.status.name === t.connector)?.status.type
    if (scope !== 'task' && `${type ?? ''}-task` !== scope) return []
    const v = value(t)
    return v === undefined ? [] : [{ labels: taskLabels(t), value: v }]
  })
}

function perConnector(value: (c: ConnectorSample) => number): (views: Views) => readonly MetricValue[] {
  return (views) => views.worker.connectors.map((c) => ({ labels: { connector: c.status.name }, value: value(c) }))
}

const lower = (state: string): string => state.toLowerCase()
const tasksIn = (c: ConnectorSample, state: string): number => c.status.tasks.filter((t) => t.state === state).length

const task = (attribute: string, help: string, value: (t: TaskView) => number | undefined): MetricDefinition => ({ name: `kafka_connect_connector_task_metrics_${attribute.replaceAll('-', '_')}`, group: 'connector-task-metrics', attribute, help, scope: 'task', value: perTask('task', value) })
const source = (attribute: string, help: string, value: (t: TaskView) => number | undefined): MetricDefinition => ({ name: `kafka_connect_source_task_metrics_${attribute.replaceAll('-', '_')}`, group: 'source-task-metrics', attribute, help, scope: 'source-task', value: perTask('source-task', value) })
const sink = (attribute: string, help: string, value: (t: TaskView) => number | undefined): MetricDefinition => ({ name: `kafka_connect_sink_task_metrics_${attribute.replaceAll('-', '_')}`, group: 'sink-task-metrics', attribute, help, scope: 'sink-task', value: perTask('sink-task', value) })
const taskError = (attribute: string, help: string, value: (t: TaskView) => number): MetricDefinition => ({ name: `kafka_connect_task_error_metrics_${attribute.replaceAll('-', '_')}`, group: 'task-error-metrics', attribute, help, scope: 'task', value: perTask('task', value) })
const worker = (attribute: string, help: string, value: (w: WorkerSample) => number): MetricDefinition => ({ name: `kafka_connect_connect_worker_metrics_${attribute.replaceAll('-', '_')}`, group: 'connect-worker-metrics', attribute, help, scope: 'worker', value: (v) => [{ labels: {}, value: value(v.worker) }] })
const perConnectorCount = (attribute: string, help: string, value: (c: ConnectorSample) => number): MetricDefinition => ({ name: `kafka_connect_connect_worker_metrics_${attribute.replaceAll('-', '_')}`, group: 'connect-worker-metrics', attribute, help, scope: 'connector', value: perConnector(value) })
const rebalance = (attribute: string, help: string, value: (r: NonNullable<WorkerSample['rebalance']>, now: number) => number): MetricDefinition => ({
  name: `kafka_connect_connect_worker_rebalance_metrics_${attribute.replaceAll('-', '_')}`, group: 'connect-worker-rebalance-metrics', attribute, help, scope: 'rebalance',
  value: (v) => (v.worker.rebalance === undefined ? [] : [{ labels: {}, value: value(v.worker.rebalance, v.now) }]),
})
const avg = (total: number, count: number): number => (count === 0 ? 0 : total / count)
const st = (w: WorkerSample): WorkerSample['startups'] => w.startups

/**
 * Every metric of `/metrics`, in the order of the documented table: Kafka Connect's MBean attributes
 * named as the Prometheus JMX exporter's usual rules name them (`kafka_connect_<group>_<attribute>`,
 * hyphens as underscores, `connector` and `task` labels), then pipe's own under `pipe_`.
 */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    name: 'kafka_connect_connector_metrics_status', group: 'connector-metrics', attribute: 'status', scope: 'connector', extraLabel: 'status',
    help: 'The connector\'s state: 1 with the state as label status (running, paused, stopped, failed, unassigned, restarting)',
    value: (v) => v.worker.connectors.map((c) => ({ labels: { connector: c.status.name, status: lower(c.status.connector.state) }, value: 1 })),
  },
  {
    name: 'kafka_connect_connector_task_metrics_status', group: 'connector-task-metrics', attribute: 'status', scope: 'task', extraLabel: 'status',
    help: 'The task\'s state: 1 with the state as label status',
    value: (v) => v.tasks.map((t) => ({ labels: { ...taskLabels(t), status: lower(t.state) }, value: 1 })),
  },
  task('running-ratio', 'Fraction of time the task has spent RUNNING', (t) => ratio(t.metrics, t.state, 'RUNNING', t.now)),
  task('pause-ratio', 'Fraction of time the task has spent PAUSED', (t) => ratio(t.metrics, t.state, 'PAUSED', t.now)),
  task('offset-commit-success-percentage', 'Fraction of offset commits that succeeded (0 to 1, as Kafka Connect reports it)', (t) => pct(t.metrics.offsetCommits, t.metrics.offsetCommits + t.metrics.offsetCommitFailures)),
  task('offset-commit-failure-percentage', 'Fraction of offset commits that failed (0 to 1)', (t) => pct(t.metrics.offsetCommitFailures, t.metrics.offsetCommits + t.metrics.offsetCommitFailures)),
  task('batch-size-avg', 'Average size of the batches polled (source) or put (sink)', (t) => avg(t.metrics.recordsIn, t.metrics.batches)),
  task('batch-size-max', 'Largest batch polled (source) or put (sink)', (t) => t.metrics.batchSizeMax),
  source('source-record-poll-total', 'Records polled from the source task, before transforms', (t) => t.metrics.recordsIn),
  source('source-record-poll-rate', 'Records polled per second (over the last 30 s)', (t) => t.rateIn),
  source('source-record-write-total', 'Records written to Kafka (the topic store), after transforms', (t) => t.metrics.recordsOut),
  source('source-record-write-rate', 'Records written per second (over the last 30 s)', (t) => t.rateOut),
  source('poll-batch-avg-time-ms', 'Average time a non-empty poll took, in ms', (t) => avg(t.metrics.batchTimeMs, t.metrics.batches)),
  source('poll-batch-max-time-ms', 'Longest non-empty poll, in ms', (t) => t.metrics.batchTimeMaxMs),
  source('source-record-active-count', 'Records polled but not yet written (pipe writes and commits each batch before the next: 0 between batches)', () => 0),
  sink('sink-record-read-total', 'Records read from Kafka (the topic store), before transforms', (t) => t.metrics.recordsIn),
  sink('sink-record-read-rate', 'Records read per second (over the last 30 s)', (t) => t.rateIn),
  sink('sink-record-send-total', 'Records sent to the sink task\'s put, after transforms', (t) => t.metrics.recordsOut),
  sink('sink-record-send-rate', 'Records sent per second (over the last 30 s)', (t) => t.rateOut),
  sink('put-batch-avg-time-ms', 'Average time a put took, in ms', (t) => avg(t.metrics.batchTimeMs, t.metrics.batches)),
  sink('put-batch-max-time-ms', 'Longest put, in ms', (t) => t.metrics.batchTimeMaxMs),
  sink('offset-commit-completion-total', 'Offset commits completed (flush, then commit of the consumer group)', (t) => t.metrics.offsetCommits),
  sink('sink-record-lag-max', 'Records of the connector\'s topics its consumer group has not read yet (embedded store; absent on Kafka)', (t) => t.lag),
  taskError('total-record-errors', 'Records that failed in a stage (convert, transform)', (t) => t.metrics.failures),
  taskError('total-record-failures', 'Failed attempts to process a record', (t) => t.metrics.failures),
  taskError('total-records-skipped', 'Records skipped by errors.tolerance=all', (t) => t.metrics.errors),
  taskError('total-retries', 'Retries of failed polls, puts, flushes and produces', (t) => t.metrics.retries),
  taskError('deadletterqueue-produce-requests', 'Records written to the dead letter queue', (t) => t.metrics.deadLetters),
  taskError('last-error-timestamp', 'Epoch ms of the last record error, 0 when none', (t) => t.metrics.lastErrorAt),
  worker('connector-count', 'Connectors on this worker', (w) => w.connectors.length),
  worker('task-count', 'Tasks on this worker', (w) => w.connectors.reduce((n, c) => n + c.status.tasks.length, 0)),
  worker('connector-startup-attempts-total', 'Connector starts attempted', (w) => st(w).connectorAttempts),
  worker('connector-startup-success-total', 'Connector starts that succeeded', (w) => st(w).connectorAttempts - st(w).connectorFailures),
  worker('connector-startup-failure-total', 'Connector starts that failed', (w) => st(w).connectorFailures),
  worker('connector-startup-success-percentage', 'Fraction of connector starts that succeeded', (w) => pct(st(w).connectorAttempts - st(w).connectorFailures, st(w).connectorAttempts)),
  worker('connector-startup-failure-percentage', 'Fraction of connector starts that failed', (w) => pct(st(w).connectorFailures, st(w).connectorAttempts)),
  worker('task-startup-attempts-total', 'Task starts attempted', (w) => st(w).taskAttempts),
  worker('task-startup-success-total', 'Task starts that succeeded', (w) => st(w).taskAttempts - st(w).taskFailures),
  worker('task-startup-failure-total', 'Task starts that failed', (w) => st(w).taskFailures),
  worker('task-startup-success-percentage', 'Fraction of task starts that succeeded', (w) => pct(st(w).taskAttempts - st(w).taskFailures, st(w).taskAttempts)),
  worker('task-startup-failure-percentage', 'Fraction of task starts that failed', (w) => pct(st(w).taskFailures, st(w).taskAttempts)),
  perConnectorCount('connector-total-task-count', 'Tasks of the connector on this worker', (c) => c.status.tasks.length),
  perConnectorCount('connector-running-task-count', 'Its RUNNING tasks', (c) => tasksIn(c, 'RUNNING')),
  perConnectorCount('connector-paused-task-count', 'Its PAUSED tasks', (c) => tasksIn(c, 'PAUSED')),
  perConnectorCount('connector-failed-task-count', 'Its FAILED tasks', (c) => tasksIn(c, 'FAILED')),
  rebalance('completed-rebalances-total', 'Rebalances this worker completed (distributed mode)', (r) => r.completedRebalances),
  rebalance('epoch', 'The group\'s generation of the last rebalance', (r) => r.epoch),
  rebalance('rebalancing', '1 while a rebalance is under way', (r) => (r.rebalancing ? 1 : 0)),
  rebalance('rebalance-avg-time-ms', 'Average time this worker spent in a rebalance (joining the group until its assignment was read), in ms', (r) => avg(r.rebalanceTimeMsTotal, r.completedRebalances)),
  rebalance('rebalance-max-time-ms', 'Longest rebalance this worker spent, in ms', (r) => r.rebalanceTimeMsMax),
  rebalance('time-since-last-rebalance-ms', 'ms since the last completed rebalance', (r, now) => (r.lastRebalanceAt === 0 ? 0 : now - r.lastRebalanceAt)),
  { name: 'pipe_sink_lag_records', group: 'pipe', attribute: 'lag', scope: 'connector', help: 'Records of a sink connector\'s topics its consumer group has not read yet (embedded store)', value: (v) => v.worker.connectors.flatMap((c) => (c.lag === undefined ? [] : [{ labels: { connector: c.status.name }, value: c.lag }])) },
  { name: 'pipe_sink_record_latency_avg_ms', group: 'pipe', attribute: 'latency-avg', scope: 'sink-task', help: 'End-to-end latency of the records a sink task put: ms from the oldest record\'s timestamp in each batch until its put finished, averaged over the batches', value: perTask('sink-task', (t) => (t.metrics.latencyBatches === 0 ? undefined : t.metrics.latencyMsTotal / t.metrics.latencyBatches)) },
  { name: 'pipe_sink_record_latency_max_ms', group: 'pipe', attribute: 'latency-max', scope: 'sink-task', help: 'The largest end-to-end latency of a batch a sink task put, in ms', value: perTask('sink-task', (t) => (t.metrics.latencyBatches === 0 ? undefined : t.metrics.latencyMsMax)) },
  { name: 'pipe_embedded_store_bytes', group: 'pipe', attribute: 'store-bytes', scope: 'worker', help: 'Size on disk of the embedded store (pipe.db, its write-ahead log and the segment files of the records), in bytes; absent on Kafka', value: (v) => (v.worker.storeBytes === undefined ? [] : [{ labels: {}, value: v.worker.storeBytes }]) },
  { name: 'pipe_task_last_activity_timestamp_ms', group: 'pipe', attribute: 'last-activity', scope: 'task', help: 'Epoch ms of the task\'s last non-empty batch (or its start)', value: perTask('task', (t) => t.metrics.lastActivity) },
]
