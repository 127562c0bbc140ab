import { PipeError } from '../errors.js'
import { deepFreeze } from '../ir/json.js'
import type { Edge, NodeId, PipelineNode } from '../ir/nodes.js'
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
}

function lowerNode(node: ChainNode, id: NodeId, name: string, counters: Map<string, number>, functions: Map<string, StepFunction>): PipelineNode {
  const loc = node.loc === undefined ? {} : { loc: node.loc }
  switch (node.kind) {
    case 'source':
    case 'sink':
      return { kind: node.kind, id, connector: node.connector, options: node.options, ...node.settings, ...loc }
    case 'topic':
      return { kind: 'topic', id, topic: node.topic, options: node.options, ...loc }
    case 'transform': {
      const predicate = node.predicate === undefined ? {} : { predicate: { test: node.predicate.test, negate: node.predicate.negate } }
      if (node.step.type !== 'code') return { kind: 'transform', id, step: node.step, ...predicate, ...loc }
      const n = counters.get(node.step.op) ?? 0
      counters.set(node.step.op, n + 1)
      const ref = `${name}/${node.step.op}#${n}`
      functions.set(ref, node.step.fn)
      return { kind: 'transform', id, step: { type: 'code', op: node.step.op, ref }, ...predicate, ...loc }
    }
  }
}

/**
 * Lowers a pipeline once into its plain-JSON IR and the TypeScript step functions its `code` steps
 * refer to (what {@link toPipelineIR} and {@link getStepFunctions} each return one half of).
 *
 * @example
 * ```ts
 * const { ir, steps } = lowerPipeline(pipeline, { defaultName: 'tweets' })
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
  for (const branch of state.branches) {
    let previous: NodeId | undefined
    for (const node of branch) {
      let id = ids.get(node)
      if (id === undefined) {
        // ids are positional, so they are stable for an unchanged pipeline
        id = `n${nodes.length}` as NodeId
        ids.set(node, id)
        nodes.push(lowerNode(node, id, name, counters, functions))
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
  return { ir: deepFreeze({ schemaVersion: IR_SCHEMA_VERSION, name, ...target, nodes, edges }), steps: functions }
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
