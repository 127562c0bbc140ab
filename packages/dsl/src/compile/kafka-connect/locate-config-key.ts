import type { DefinitionCatalog } from '../../connectors/catalog.js'
import type { SourceLocation } from '../../diagnostics.js'
import type { SinkNode, SourceNode } from '../../ir/nodes.js'
import type { PipelineIR } from '../../ir/pipeline-ir.js'
import { indexGraph, pathFromSource, pathToSink } from '../../ir/visit.js'
import { connectorNames } from '../../ir/naming.js'

/** Where a compiled config key comes from in the user's pipeline. */
export interface ConfigKeyOrigin {
  /** The user's call that produced the key: the step for `transforms.*`, else the connector. */
  readonly location: SourceLocation | undefined
  /** The connector option behind the key, e.g. `password` for `connection.password`. */
  readonly option?: string
}

const ALIAS = /^(?:transforms|predicates)\.([^.]+?)(?:-if)?\./

/**
 * Maps a key of a compiled connector config back to the pipeline code that produced it, so errors
 * from Kafka Connect's `PUT /connector-plugins/{class}/config/validate` can point at file:line.
 * Returns undefined when the connector is not in this pipeline.
 *
 * @example
 * ```ts
 * locateConfigKey(ir, 'orders-sink-1', 'transforms.mask-field-2.fields', definitions)?.location // the .maskField() call
 * locateConfigKey(ir, 'replica-sink', 'connection.password', definitions)?.option // 'password'
 * ```
 */
export function locateConfigKey(ir: PipelineIR, connector: string, key: string, definitions: DefinitionCatalog): ConfigKeyOrigin | undefined {
  const names = connectorNames(ir)
  const node = ir.nodes.find((n): n is SourceNode | SinkNode => (n.kind === 'source' || n.kind === 'sink') && names.get(n.id) === connector)
  if (node === undefined) return undefined
  const alias = ALIAS.exec(key)?.[1]
  if (alias !== undefined) {
    const graph = indexGraph(ir)
    const { transforms } = node.kind === 'source' ? pathFromSource(graph, node) : pathToSink(graph, node)
    const index = Number(alias.slice(alias.lastIndexOf('-') + 1))
    return { location: transforms[index]?.loc ?? node.loc }
  }
  const definition = definitions.connectors.get(node.id)
  const fields = definition?.fields ?? {}
  const keeps = definition?.unknownKeys === 'warn' || definition?.unknownKeys === 'keep'
  // with unknownKeys, option names are keys (a field without key too)
  const option = Object.entries(fields).find(([name, spec]) => (spec.key ?? (keeps ? name : undefined)) === key)?.[0]
    ?? (keeps && node.options[key] !== undefined ? key : undefined)
  return option === undefined ? { location: node.loc } : { location: node.loc, option }
}
