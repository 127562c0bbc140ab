import type { NodeId } from '../ir/nodes.js'
import type { ConnectorDefinition } from './define-connector.js'
import type { PluginDefinition } from './define-transform.js'

/**
 * The definitions a pipeline's nodes were built with, by node id: what validation, compilation,
 * docs and the CLI read instead of a global list, so a connector defined anywhere (the pipeline
 * file, a module of the user's repo, an npm package, a pulled module) works as a built-in does.
 * `lowerPipeline` returns it next to the IR; for a JSON IR alone, `builtinCatalog(ir)` gives the
 * built-ins' (from `@pipe/dsl/connectors`).
 *
 * @example
 * ```ts
 * const { ir, definitions } = lowerPipeline(p, { defaultName: 'orders' })
 * definitions.connectors.get(ir.nodes[0]!.id)?.kafkaConnect
 * ```
 */
export interface DefinitionCatalog {
  /** Connector definitions by source/sink node id. */
  readonly connectors: ReadonlyMap<NodeId, ConnectorDefinition>
  /** Plugin SMT definitions by transform node id (`.transform(...)`). */
  readonly transforms: ReadonlyMap<NodeId, PluginDefinition>
  /** Plugin predicate definitions by transform node id (the step's condition). */
  readonly predicates: ReadonlyMap<NodeId, PluginDefinition>
}

/**
 * A catalog from maps (empty by default).
 *
 * @example
 * ```ts
 * const none = definitionCatalog()
 * ```
 */
export function definitionCatalog(parts: Partial<DefinitionCatalog> = {}): DefinitionCatalog {
  return Object.freeze({
    connectors: parts.connectors ?? new Map(),
    transforms: parts.transforms ?? new Map(),
    predicates: parts.predicates ?? new Map(),
  })
}
