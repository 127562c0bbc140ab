import { PipeError } from '../errors.js'
import type { NodeId, PipelineNode, SinkNode, SourceNode, TopicNode, TransformNode } from './nodes.js'
import type { PipelineIR } from './pipeline-ir.js'

/**
 * Ends an exhaustive switch: a new union member breaks the build until handled.
 *
 * @example
 * ```ts
 * switch (node.kind) { case 'source': ...; default: assertNever(node) }
 * ```
 */
export function assertNever(value: never): never {
  throw new PipeError({ code: 'PIPE_INTERNAL', source: 'internal', message: `unexpected value ${JSON.stringify(value)}` })
}

/**
 * Indexes of one IR for graph walks.
 *
 * @example
 * ```ts
 * const g: IrGraph = indexGraph(ir)
 * ```
 */
export interface IrGraph {
  readonly byId: ReadonlyMap<NodeId, PipelineNode>
  readonly next: ReadonlyMap<NodeId, readonly PipelineNode[]>
  readonly prev: ReadonlyMap<NodeId, readonly PipelineNode[]>
}

/**
 * Builds lookup maps over an IR's nodes and edges.
 *
 * @example
 * ```ts
 * const g = indexGraph(ir); g.next.get(sourceId)
 * ```
 */
export function indexGraph(ir: PipelineIR): IrGraph {
  const byId = new Map<NodeId, PipelineNode>(ir.nodes.map((n) => [n.id, n]))
  const next = new Map<NodeId, PipelineNode[]>()
  const prev = new Map<NodeId, PipelineNode[]>()
  for (const edge of ir.edges) {
    const from = byId.get(edge.from)
    const to = byId.get(edge.to)
    if (from === undefined || to === undefined) continue
    next.set(from.id, [...(next.get(from.id) ?? []), to])
    prev.set(to.id, [...(prev.get(to.id) ?? []), from])
  }
  return { byId, next, prev }
}

/**
 * The transforms from a source down to the topic it writes, and that topic.
 *
 * @example
 * ```ts
 * const { transforms, topic } = pathFromSource(indexGraph(ir), sourceNode)
 * ```
 */
export interface SourcePath {
  readonly transforms: readonly TransformNode[]
  readonly topic: TopicNode | undefined
}

/**
 * Follows a source (or the topic-to-topic sink) forward through its transforms to its topic.
 *
 * @example
 * ```ts
 * const { transforms, topic } = pathFromSource(indexGraph(ir), sourceNode)
 * ```
 */
export function pathFromSource(graph: IrGraph, start: SourceNode | SinkNode): SourcePath {
  const transforms: TransformNode[] = []
  let current: PipelineNode | undefined = graph.next.get(start.id)?.[0]
  while (current?.kind === 'transform') {
    transforms.push(current)
    current = graph.next.get(current.id)?.[0]
  }
  return { transforms, topic: current?.kind === 'topic' ? current : undefined }
}

/**
 * Follows a sink backward through its transforms to the topic it reads.
 *
 * @example
 * ```ts
 * const { transforms, topic } = pathToSink(indexGraph(ir), sinkNode)
 * ```
 */
export function pathToSink(graph: IrGraph, sink: SinkNode): SourcePath {
  const transforms: TransformNode[] = []
  let current: PipelineNode | undefined = graph.prev.get(sink.id)?.[0]
  while (current?.kind === 'transform') {
    transforms.unshift(current)
    current = graph.prev.get(current.id)?.[0]
  }
  return { transforms, topic: current?.kind === 'topic' ? current : undefined }
}
