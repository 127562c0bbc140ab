import { definitionCatalog, type DefinitionCatalog } from '../connectors/catalog.js'
import type { ConnectorDefinition } from '../connectors/define-connector.js'
import { pluginDefinitionOf, type PluginDefinition } from '../connectors/define-transform.js'
import { PipeError } from '../errors.js'
import { deepFreeze } from '../ir/json.js'
import type { Edge, NodeId, PipelineNode } from '../ir/nodes.js'
import type { PredicateIR, StepIR } from '../ir/steps.js'
import { IR_SCHEMA_VERSION, type PipelineIR } from '../ir/pipeline-ir.js'
import type { ChainNode, StepFunction } from './chain.js'
import { isPipeline, pipelineState, type Pipeline } from './pipeline.js'

/**
 * Options of {@link toPipelineIR}.
 *
 * @example
 * ```ts
 * toPipelineIR(p, { defaultName: 'twitter' })
 * ```
 */
export interface ToPipelineIROptions {
  /** The name used when the pipeline has none: the CLI passes the file name without extension. */
  readonly defaultName: string
}

/**
 * What {@link lowerPipeline} returns: the IR and the TypeScript step functions it refers to.
 *
 * @example
 * ```ts
 * const { ir, steps }: LoweredPipeline = lowerPipeline(p, { defaultName: 'tweets' })
 * ```
 */
export interface LoweredPipeline {
  readonly ir: PipelineIR
  /** TypeScript step functions by stable id (`<pipeline>/<op>#<n>`), as the IR's `code` steps refer to them. */
  readonly steps: ReadonlyMap<string, StepFunction>
  /** The connector, plugin SMT and plugin predicate definitions of the nodes, by node id. */
  readonly definitions: DefinitionCatalog
}

interface Collected {
  readonly connectors: Map<NodeId, ConnectorDefinition>
  readonly transforms: Map<NodeId, PluginDefinition>
  readonly predicates: Map<NodeId, PluginDefinition>
}

/** A plugin step or predicate as plain IR (its definition goes to the catalog). */
function plain<T extends StepIR | PredicateIR>(value: T, id: NodeId, into: Map<NodeId, PluginDefinition>): T {
  if (value.type !== 'plugin') return value
  const definition = pluginDefinitionOf(value)
  if (definition !== undefined) into.set(id, definition)
  return { type: 'plugin', class: value.class, config: value.config } as T
}

function collect(node: ChainNode, id: NodeId, collected: Collected): void {
  if ((node.kind === 'source' || node.kind === 'sink') && node.definition !== undefined) collected.connectors.set(id, node.definition)
}

function lowerNode(node: ChainNode, id: NodeId, name: string, counters: Map<string, number>, functions: Map<string, StepFunction>, collected: Collected): PipelineNode {
  const loc = node.loc === undefined ? {} : { loc: node.loc }
  switch (node.kind) {
    case 'source':
    case 'sink':
      return { kind: node.kind, id, connector: node.connector, options: node.options, ...node.settings, ...loc }
    case 'topic':
      return { kind: 'topic', id, topic: node.topic, options: node.options, ...loc }
    case 'transform': {
      const predicate = node.predicate === undefined ? {} : { predicate: { test: plain(node.predicate.test, id, collected.predicates), negate: node.predicate.negate } }
      const aliases = { ...(node.alias === undefined ? {} : { alias: node.alias }), ...(node.predicateAlias === undefined ? {} : { predicateAlias: node.predicateAlias }) }
      if (node.step.type !== 'code') return { kind: 'transform', id, step: plain(node.step, id, collected.transforms), ...predicate, ...aliases, ...loc }
      const n = counters.get(node.step.op) ?? 0
      counters.set(node.step.op, n + 1)
      const ref = `${name}/${node.step.op}#${n}`
      functions.set(ref, node.step.fn)
      return { kind: 'transform', id, step: { type: 'code', op: node.step.op, ref }, ...predicate, ...loc }
    }
  }
}

/**
 * Lowers a pipeline once into its plain-JSON IR, the TypeScript step functions its `code` steps
 * refer to, and the definitions its nodes were built with (what {@link toPipelineIR} and {@link getStepFunctions} each return one half of).
 *
 * @example
 * ```ts
 * const { ir, steps, definitions } = lowerPipeline(pipeline, { defaultName: 'tweets' })
 * steps.get('tweets/map#0')?.(record)
 * ```
 */
export function lowerPipeline(pipeline: Pipeline, options: ToPipelineIROptions): LoweredPipeline {
  const defaultName = options.defaultName
  if (!isPipeline(pipeline)) {
    throw new PipeError({ code: 'PIPE_INVALID_IR', message: 'expected a pipeline', hint: 'export default source(...).to(topic(...))' })
  }
  const state = pipelineState(pipeline)
  const name = state.name ?? defaultName
  const ids = new Map<ChainNode, NodeId>()
  const nodes: PipelineNode[] = []
  const edges: Edge[] = []
  const edgeKeys = new Set<string>()
  const counters = new Map<string, number>()
  const functions = new Map<string, StepFunction>()
  const collected: Collected = { connectors: new Map(), transforms: new Map(), predicates: new Map() }
  for (const branch of state.branches) {
    let previous: NodeId | undefined
    for (const node of branch) {
      let id = ids.get(node)
      if (id === undefined) {
        // ids are positional, so they are stable for an unchanged pipeline
        id = `n${nodes.length}` as NodeId
        ids.set(node, id)
        nodes.push(lowerNode(node, id, name, counters, functions, collected))
        collect(node, id, collected)
      }
      const key = `${previous ?? ''}>${id}`
      if (previous !== undefined && !edgeKeys.has(key)) {
        edgeKeys.add(key)
        edges.push({ from: previous, to: id })
      }
      previous = id
    }
  }
  const target = state.target === undefined ? {} : { target: state.target }
  const ir: PipelineIR = deepFreeze({ schemaVersion: IR_SCHEMA_VERSION, name, ...target, nodes, edges })
  return { ir, steps: functions, definitions: definitionCatalog(collected) }
}

/**
 * Lowers a pipeline to its plain-JSON IR. TypeScript steps appear as `{ type: 'code', ref }`.
 *
 * @example
 * ```ts
 * const ir = toPipelineIR(pipeline, { defaultName: 'twitter' })
 * ```
 */
export function toPipelineIR(pipeline: Pipeline, options: ToPipelineIROptions): PipelineIR {
  return lowerPipeline(pipeline, options).ir
}

/**
 * The TypeScript step functions of a pipeline by their stable id (`<pipeline>/<op>#<n>`), for the
 * runtime. Pass the same `defaultName` as to {@link toPipelineIR} when the pipeline has no name.
 *
 * @example
 * ```ts
 * const fns = getStepFunctions(pipeline, { defaultName: 'tweets' })
 * fns.get('tweets/map#0')?.(record)
 * ```
 */
export function getStepFunctions(
  pipeline: Pipeline,
  options: ToPipelineIROptions = { defaultName: 'pipeline' },
): ReadonlyMap<string, StepFunction> {
  return lowerPipeline(pipeline, options).steps
}
