import type * as PromClient from 'prom-client'
import { lazyModule } from '../lazy-module.js'
import type { Clock } from '../tasks/task-context.js'
import { systemClock } from '../tasks/task-context.js'
import type { WorkerSample } from '../worker/herder.js'
import { METRIC_DEFINITIONS, type TaskView } from './metric-definitions.js'

const promClient = lazyModule<typeof PromClient>('prom-client')

/** Kafka Connect's rate window: `metrics.sample.window.ms` (30 s) times `metrics.num.samples` (2), the newest half kept. */
const RATE_WINDOW_MS = 30_000

interface Point {
  readonly at: number
  readonly in: number
  readonly out: number
}

/** Records per second of each task over the last window, from the totals seen at each scrape. */
class Rates {
  readonly #points = new Map<string, Point[]>()
  rates(key: string, now: number, totalIn: number, totalOut: number): { readonly in: number; readonly out: number } {
    const points = (this.#points.get(key) ?? []).filter((p) => now - p.at <= RATE_WINDOW_MS && p.in <= totalIn)
    const oldest = points[0]
    points.push({ at: now, in: totalIn, out: totalOut })
    this.#points.set(key, points)
    if (oldest === undefined || now <= oldest.at) return { in: 0, out: 0 }
    const seconds = (now - oldest.at) / 1000
    return { in: (totalIn - oldest.in) / seconds, out: (totalOut - oldest.out) / seconds }
  }
  /** Forgets tasks that are gone. */
  keep(keys: ReadonlySet<string>): void {
    for (const key of this.#points.keys()) if (!keys.has(key)) this.#points.delete(key)
  }
}

/** A worker's metrics in Prometheus's text format. */
export interface PrometheusMetrics {
  readonly contentType: string
  /** Takes a sample of the worker and renders every metric. */
  render(): Promise<string>
}

function taskViews(sample: WorkerSample, rates: Rates, now: number): TaskView[] {
  const views: TaskView[] = []
  for (const c of sample.connectors) {
    c.metrics.forEach((metrics, index) => {
      const status = c.status.tasks[index]
      const task = status?.id ?? index
      const rate = rates.rates(`${c.status.name}\u0000${String(task)}`, now, metrics.recordsIn, metrics.recordsOut)
      views.push({ connector: c.status.name, task, state: status?.state ?? 'UNASSIGNED', metrics, rateIn: rate.in, rateOut: rate.out, lag: c.lag, now })
    })
  }
  rates.keep(new Set(views.map((v) => `${v.connector}\u0000${String(v.task)}`)))
  return views
}

/**
 * Kafka Connect's metrics of a worker (`METRIC_DEFINITIONS`) through prom-client: each render takes
 * one sample of the worker. Labels are connector names, task ids and states only: no config value
 * (so no secret) can appear.
 *
 * @example
 * ```ts
 * const metrics = createPrometheusMetrics(() => herder.sample())
 * res.writeHead(200, { 'content-type': metrics.contentType }).end(await metrics.render())
 * ```
 */
export function createPrometheusMetrics(sample: () => Promise<WorkerSample>, clock: Clock = systemClock): PrometheusMetrics {
  const { Gauge, Registry } = promClient()
  const registry = new Registry()
  const gauges = METRIC_DEFINITIONS.map((def) => {
    const labelNames = def.scope === 'worker' || def.scope === 'rebalance' ? [] : def.scope === 'connector' ? ['connector'] : ['connector', 'task']
    return { def, unlabelled: labelNames.length === 0 && def.extraLabel === undefined, gauge: new Gauge({ name: def.name, help: `${def.help} (Kafka Connect ${def.group} ${def.attribute})`, labelNames: def.extraLabel === undefined ? labelNames : [...labelNames, def.extraLabel], registers: [registry] }) }
  })
  const rates = new Rates()
  return {
    contentType: registry.contentType,
    async render() {
      const worker = await sample()
      const now = clock.now()
      const views = { worker, tasks: taskViews(worker, rates, now), now }
      for (const { def, gauge, unlabelled } of gauges) {
        gauge.reset()
        const values = def.value(views)
        for (const v of values) gauge.set(v.labels, v.value)
        // a gauge without labels always shows a sample (0 by default): one with no value here (the rebalance
        // metrics of a standalone worker, the store size on Kafka) is left out of the text instead
        const registered = registry.getSingleMetric(def.name) !== undefined
        if (unlabelled && values.length === 0 && registered) registry.removeSingleMetric(def.name)
        else if (unlabelled && values.length > 0 && !registered) registry.registerMetric(gauge)
      }
      return registry.metrics()
    },
  }
}
