import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RUNTIME_NAME } from '../runtime-name.js'
import type { ConnectorRegistry, PluginSet } from '../tasks/connector-registry.js'
import { createConnectorRegistry } from '../tasks/connector-registry.js'
import type { Clock } from '../tasks/task-context.js'
import { systemClock } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { ApiContext } from './api-context.js'
import type { ApiAuth } from './auth.js'
import { authorizationHeader } from './auth.js'
import type { EnvSource } from '../engine/config-providers.js'
import type { Herder } from '../worker/herder.js'
import { listen, requestHandler } from './http-io.js'
import { escapeLogLine } from './log-line.js'
import { createLoggerLevels } from '../worker/logger-levels.js'
import type { Route } from './router.js'
import { connectorStateRoutes } from './routes/connector-state.js'
import { connectorRoutes } from './routes/connectors.js'
import { loggerRoutes } from './routes/loggers.js'
import { offsetRoutes } from './routes/offsets.js'
import { pluginRoutes } from './routes/plugins.js'
import { rootRoutes } from './routes/root.js'
import { metricsRoutes } from './routes/metrics.js'
import { createPrometheusMetrics } from '../metrics/prometheus-metrics.js'
import { createStandaloneHerder } from '../worker/standalone-herder.js'
import type { DistributedConfig } from '../worker/distributed/distributed-config.js'
import { DistributedHerder } from '../worker/distributed/distributed-herder.js'

export type { ApiAuth } from './auth.js'
export type { Herder } from '../worker/herder.js'

/** How to start a worker's REST API (standalone mode). */
export interface ApiServerOptions {
  readonly backend: TopicBackend
  /** Connectors, transforms and predicates the worker offers (e.g. `builtinTransforms`, `builtinConnectors(...)`). */
  readonly plugins: readonly PluginSet[]
  /** @default '127.0.0.1' */
  readonly host?: string
  /** `0` picks a free port. @default 8083 */
  readonly port?: number
  /** More listeners serving the same API, as Kafka Connect's `listeners=http://a:1,http://b:2`; the first (`host`, `port`) names the worker. */
  readonly moreListeners?: readonly { readonly host: string; readonly port: number }[]
  /**
   * Kafka Connect's `rest.advertised.host.name` / `rest.advertised.port`: the address other workers and
   * statuses know this worker by (its worker_id); the first listener's when unset.
   */
  readonly advertised?: { readonly host?: string; readonly port?: number }
  /** Where `${env:VAR}` placeholders resolve from (only inside the engine, never in answers). @default {} */
  readonly env?: EnvSource
  readonly auth?: ApiAuth
  /** The worker's log; lines never contain resolved config-provider values. */
  readonly log?: (line: string) => void
  readonly version?: string
  readonly kafkaClusterId?: string
  readonly clock?: Clock
  /** Distributed mode: configs, statuses and offsets in these Kafka topics, tasks shared by the workers of the group. */
  readonly distributed?: DistributedConfig
}

/** A listening REST API. */
export interface ApiServer {
  /** `http://host:port` of the first listener */
  readonly url: string
  /** Every listener's URL, the first one first. */
  readonly urls: readonly string[]
  readonly herder: Herder
  /** Stops accepting requests, then stops every connector gracefully (offsets flushed). */
  close(): Promise<void>
}

function routesOf(ctx: ApiContext): readonly Route[] {
  return [...rootRoutes(ctx), ...metricsRoutes(createPrometheusMetrics(() => ctx.herder.sample())), ...connectorRoutes(ctx), ...connectorStateRoutes(ctx), ...offsetRoutes(ctx), ...pluginRoutes(ctx), ...loggerRoutes(ctx)]
}

function contextOf(options: ApiServerOptions, registry: ConnectorRegistry, herder: Herder): ApiContext {
  return {
    herder,
    registry,
    pluginSets: options.plugins,
    loggers: createLoggerLevels(options.clock ?? systemClock, { root: 'INFO', [RUNTIME_NAME]: 'INFO' }),
    serverInfo: { version: options.version ?? '0.1.0', commit: 'pipe', kafka_cluster_id: options.kafkaClusterId ?? `pipe-${options.backend.kind}` },
  }
}

/** Starts the Kafka Connect REST API over pipe's engine (standalone herder); listens on 127.0.0.1 unless told otherwise. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1'
  const sink = options.log
  const log = sink === undefined ? () => undefined : (line: string): void => { sink(escapeLogLine(line)) }
  const registry = createConnectorRegistry(...options.plugins)
  const listeners = [{ host, port: options.port ?? 8083 }, ...(options.moreListeners ?? [])]
  const servers: Server[] = []
  const closeAll = (): Promise<void> => Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.close(() => { resolve() }); s.closeAllConnections() }))).then(() => undefined)
  try {
    for (const l of listeners) servers.push(await listen(l.host, l.port))
  } catch (error) {
    await closeAll()
    throw error
  }
  // cast: a TCP listener's address is an AddressInfo
  const ports = servers.map((s) => (s.address() as AddressInfo).port)
  const urls = listeners.map((l, i) => `http://${l.host.includes(':') ? `[${l.host}]` : l.host}:${String(ports[i] ?? l.port)}`)
  const port = ports[0] ?? 0
  const workerId = `${options.advertised?.host ?? host}:${String(options.advertised?.port ?? port)}`
  const workerContext = { backend: options.backend, registry, workerId, env: options.env ?? {}, log, pluginVersion: options.version ?? '0.1.0', ...(options.clock === undefined ? {} : { clock: options.clock }) }
  const distributed = options.distributed === undefined ? undefined : new DistributedHerder({ ...workerContext, ...options.distributed, forwardHeaders: authorizationHeader(options.auth) })
  const herder = distributed ?? createStandaloneHerder(workerContext)
  const ctx = contextOf(options, registry, herder)
  const handler = requestHandler(routesOf(ctx), options.auth, log)
  for (const s of servers) s.on('request', handler)
  if (distributed !== undefined) {
    await distributed.start().catch(async (error: unknown) => {
      await closeAll()
      await distributed.close().catch(() => undefined)
      throw error
    })
  }
  return {
    url: urls[0] ?? '',
    urls,
    herder,
    async close() {
      await closeAll()
      await herder.close()
    },
  }
}
