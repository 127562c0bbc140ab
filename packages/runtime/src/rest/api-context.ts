import type { ConnectorRegistry, PluginSet } from '../tasks/connector-registry.js'
import type { Herder } from '../worker/herder.js'
import type { LoggerLevels } from '../worker/logger-levels.js'

/** What the routes work on: the herder (standalone now; distributed later), plugins and worker facts. */
export interface ApiContext {
  readonly herder: Herder
  readonly registry: ConnectorRegistry
  readonly pluginSets: readonly PluginSet[]
  readonly loggers: LoggerLevels
  /** `GET /`: the worker's version, commit and the Kafka cluster id (a stable id when embedded). */
  readonly serverInfo: { readonly version: string; readonly commit: string; readonly kafka_cluster_id: string }
}
