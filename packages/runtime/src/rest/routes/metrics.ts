import type { PrometheusMetrics } from '../../metrics/prometheus-metrics.js'
import type { Route } from '../router.js'

/** `GET /metrics`: the worker's metrics in Prometheus's text format, behind the same auth as the REST API. */
export function metricsRoutes(metrics: PrometheusMetrics): readonly Route[] {
  return [{ method: 'GET', path: '/metrics', handler: async () => ({ status: 200, text: { contentType: metrics.contentType, content: await metrics.render() } }) }]
}
