import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPrometheusMetrics } from '../metrics/prometheus-metrics.js'
import type { WorkerSample } from '../worker/herder.js'
import type { ApiAuth } from './auth.js'
import { listen, requestHandler } from './http-io.js'
import { metricsRoutes } from './routes/metrics.js'
import { engineRoutes, type RunningConnectors } from './routes/engine-routes.js'

/** How to serve a run's metrics (`pipe run --metrics host:port`) and console (`--ui host:port`). */
export interface ObserveServerOptions {
  /** The figures of what runs here (an engine: `{ connectors: await engine.sample(), startups: engine.startups() }`). */
  readonly sample: () => Promise<WorkerSample>
  /** @default '127.0.0.1' */
  readonly host?: string
  /** `0` picks a free port. */
  readonly port: number
  readonly auth?: ApiAuth
  readonly log?: (line: string) => void
  /** Also the part of the REST API the web console at `/ui/` reads and drives, over this engine (`pipe run --ui`). */
  readonly console?: RunningConnectors
}

/** A listening metrics endpoint. */
export interface ObserveServer {
  /** `http://host:port` */
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves `GET /metrics` (Kafka Connect's metric names, see `METRIC_DEFINITIONS`) for a process that
 * runs an engine without the REST API (`pipe run`).
 *
 * @example
 * ```ts
 * const server = await startObserveServer({ port: 9404, sample: async () => ({ connectors: await engine.sample(), startups: engine.startups() }) })
 * // curl http://127.0.0.1:9404/metrics
 * await server.close()
 * ```
 */
export async function startObserveServer(options: ObserveServerOptions): Promise<ObserveServer> {
  const host = options.host ?? '127.0.0.1'
  const server: Server = await listen(host, options.port)
  const routes = [...metricsRoutes(createPrometheusMetrics(options.sample)), ...(options.console === undefined ? [] : engineRoutes(options.console))]
  server.on('request', requestHandler(routes, options.auth, options.log ?? (() => undefined)))
  // cast: a TCP listener's address is an AddressInfo
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => { resolve() })
      server.closeAllConnections()
    }),
  }
}
