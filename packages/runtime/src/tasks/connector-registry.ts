import type { PredicateFactory, TransformationFactory } from './transformation.js'
import type { SinkConnector } from './sink-task.js'
import type { SourceConnector } from './source-task.js'

/** A connector plugin: a source or a sink. */
export type ConnectorPlugin = SourceConnector | SinkConnector

/** The plugins a runtime knows, by class name. */
export interface PluginSet {
  readonly connectors?: Readonly<Record<string, ConnectorPlugin>>
  readonly transforms?: Readonly<Record<string, TransformationFactory>>
  readonly predicates?: Readonly<Record<string, PredicateFactory>>
}

/**
 * Resolves `connector.class`, `transforms.<a>.type` and `predicates.<a>.type` values.
 * Like Kafka Connect, a connector resolves by fully qualified class name, simple class name, or
 * simple name without its `Connector` suffix (`FileStreamSource`); transforms and predicates by
 * fully qualified or simple class name (`InsertField$Value`).
 */
export interface ConnectorRegistry {
  connector(className: string): ConnectorPlugin | undefined
  transform(className: string): TransformationFactory | undefined
  predicate(className: string): PredicateFactory | undefined
  /** All registered class names, fully qualified, for error messages. */
  connectorClasses(): readonly string[]
  /** A new registry with `more` added (later entries win). */
  with(more: PluginSet): ConnectorRegistry
}

function simpleName(className: string): string {
  const dot = className.lastIndexOf('.')
  return dot < 0 ? className : className.slice(dot + 1)
}

function aliasIndex<T>(entries: Readonly<Record<string, T>>, stripSuffix: boolean): ReadonlyMap<string, T> {
  const index = new Map<string, T>()
  for (const [name, value] of Object.entries(entries)) {
    const simple = simpleName(name)
    index.set(simple, value)
    if (stripSuffix && simple.endsWith('Connector')) index.set(simple.slice(0, -'Connector'.length), value)
  }
  // fully qualified names win over aliases
  for (const [name, value] of Object.entries(entries)) index.set(name, value)
  return index
}

/** Builds a registry from plugin sets (later sets win). */
export function createConnectorRegistry(...sets: readonly PluginSet[]): ConnectorRegistry {
  const connectors = Object.assign({}, ...sets.map((s) => s.connectors ?? {})) as Record<string, ConnectorPlugin>
  const transforms = Object.assign({}, ...sets.map((s) => s.transforms ?? {})) as Record<string, TransformationFactory>
  const predicates = Object.assign({}, ...sets.map((s) => s.predicates ?? {})) as Record<string, PredicateFactory>
  const c = aliasIndex(connectors, true)
  const t = aliasIndex(transforms, false)
  const p = aliasIndex(predicates, false)
  return {
    connector: (name) => c.get(name.trim()),
    transform: (name) => t.get(name.trim()),
    predicate: (name) => p.get(name.trim()),
    connectorClasses: () => Object.keys(connectors).sort(),
    with: (more) => createConnectorRegistry(...sets, more),
  }
}
