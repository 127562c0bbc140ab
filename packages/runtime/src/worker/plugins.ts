import { CONVERTER_CLASSES } from '@pipe/dsl/contract'
import type { ConnectorRegistry, PluginSet } from '../tasks/connector-registry.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { ResolvedPlugin } from './validate-config.js'

/** `PluginInfo`: one entry of `GET /connector-plugins`. */
export interface PluginInfo {
  readonly class: string
  readonly type: 'source' | 'sink' | 'transformation' | 'predicate' | 'converter' | 'header_converter'
  readonly version: string
}

const CONVERTERS = [CONVERTER_CLASSES.byteArray, CONVERTER_CLASSES.json, CONVERTER_CLASSES.string] as const

/** Finds a connector plugin by FQCN or alias, with its canonical (fully qualified) class name. */
export function resolvePlugin(registry: ConnectorRegistry, className: string): ResolvedPlugin | undefined {
  const plugin = registry.connector(className)
  if (plugin === undefined) return undefined
  const canonical = registry.connectorClasses().find((c) => registry.connector(c) === plugin) ?? className
  return plugin.validate === undefined
    ? { className: canonical, type: plugin.type }
    : { className: canonical, type: plugin.type, validate: (config) => plugin.validate?.(config) ?? [] }
}

/** Kafka Connect's `task.class` of a connector class: its task class (`...FileStreamSinkConnector` -> `...FileStreamSinkTask`); pipe's own `pipe:x` -> `pipe:x-task`. */
export function taskClassOf(connectorClass: string): string {
  return connectorClass.endsWith('Connector') ? `${connectorClass.slice(0, -'Connector'.length)}Task` : `${connectorClass}-task`
}

/**
 * A connector's task configs as Kafka Connect's worker makes them (Worker.connectorTaskConfigs):
 * what the connector returns, plus `task.class` (fully qualified), plus the connector's `topics`
 * and `topics.regex` when it has them. These are what the config topic's `task-<c>-<n>` records and
 * `GET /connectors/{c}/tasks` hold. Empty when the class is unknown or the connector throws.
 */
export function workerTaskConfigs(registry: ConnectorRegistry, config: ConnectorConfig, maxTasks: number): readonly ConnectorConfig[] {
  const className = config['connector.class'] ?? ''
  const resolved = resolvePlugin(registry, className)
  const plugin = registry.connector(className)
  if (resolved === undefined || plugin === undefined) return []
  let configs: readonly ConnectorConfig[]
  try {
    configs = plugin.taskConfigs(config, maxTasks)
  } catch {
    return []
  }
  const taskClass = taskClassOf(resolved.className)
  return configs.map((c) => {
    const out: Record<string, string> = { ...c, 'task.class': taskClass }
    for (const key of ['topics', 'topics.regex']) {
      const value = config[key]
      if (value !== undefined) out[key] = value
    }
    return out
  })
}

/** Kafka Connect's message for a `connector.class` no plugin matches. */
export function unknownClassMessage(registry: ConnectorRegistry, className: string): string {
  const available = registry.connectorClasses().map((c) => `PluginDesc{name='${c}', type=${registry.connector(c)?.type ?? 'unknown'}}`)
  return `Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${available.join(', ')}`
}

/** `GET /connector-plugins`: connectors first; with `connectorsOnly=false` also transforms, predicates and converters. */
export function listPlugins(registry: ConnectorRegistry, sets: readonly PluginSet[], connectorsOnly: boolean, version: string): readonly PluginInfo[] {
  const connectors = registry.connectorClasses().flatMap((c): PluginInfo[] => {
    const type = registry.connector(c)?.type
    return type === undefined ? [] : [{ class: c, type, version }]
  })
  if (connectorsOnly) return connectors
  const names = (pick: (s: PluginSet) => Readonly<Record<string, unknown>> | undefined): string[] =>
    [...new Set(sets.flatMap((s) => Object.keys(pick(s) ?? {})))].filter((n) => n.includes('.')).sort()
  return [
    ...connectors,
    ...names((s) => s.transforms).map((c): PluginInfo => ({ class: c, type: 'transformation', version })),
    ...names((s) => s.predicates).map((c): PluginInfo => ({ class: c, type: 'predicate', version })),
    ...CONVERTERS.map((c): PluginInfo => ({ class: c, type: 'converter', version })),
    ...CONVERTERS.map((c): PluginInfo => ({ class: c, type: 'header_converter', version })),
  ]
}
