import dagre from '@dagrejs/dagre'
import type { ConnectorView } from './api.js'

/** One box of a pipeline's graph. */
export interface GraphNode {
  readonly id: string
  readonly kind: 'source' | 'sink' | 'step' | 'topic'
  readonly label: string
  /** The connector the node belongs to (its steps too); none for a topic. */
  readonly connector?: string
  x: number
  y: number
  readonly width: number
  readonly height: number
}

interface LaidOutNode {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface PipelineGraph {
  readonly name: string
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly { readonly from: string; readonly to: string; readonly points: readonly { x: number; y: number }[] }[]
  readonly width: number
  readonly height: number
}

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
const shortClass = (type: string | undefined): string => (type ?? '').split('.').pop()?.replace(/\$Value$|\$Key$/, '') ?? ''

/** The pipeline a connector belongs to: pipe's `pipe.pipeline` key, else its topic (connectors sharing a topic are one pipeline). */
function pipelineOf(c: ConnectorView): string {
  return c.config['pipe.pipeline'] ?? (c.type === 'source' ? c.config['topic'] : list(c.config['topics'])[0]) ?? c.name
}

/** The connectors grouped into pipelines, by name. */
export function groupPipelines(connectors: readonly ConnectorView[]): Map<string, ConnectorView[]> {
  const groups = new Map<string, ConnectorView[]>()
  for (const c of connectors) {
    const key = pipelineOf(c)
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  return groups
}

/**
 * A pipeline as Kafka Connect runs it: each source, its SMT chain, its topic; from each topic, each
 * sink's chain and the sink (a topic with two sinks is a fork). Laid out left to right by dagre.
 */
export function layoutPipeline(name: string, connectors: readonly ConnectorView[]): PipelineGraph {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 36, marginx: 8, marginy: 8 })
  g.setDefaultEdgeLabel(() => ({}))
  const kinds = new Map<string, Pick<GraphNode, 'kind' | 'label' | 'connector'>>()
  const add = (id: string, node: Pick<GraphNode, 'kind' | 'label' | 'connector'>): void => {
    kinds.set(id, node)
    g.setNode(id, { width: node.kind === 'step' ? 104 : 170, height: node.kind === 'step' ? 30 : 62 })
  }
  const chain = (c: ConnectorView, from: string, to: string): void => {
    let previous = from
    for (const alias of list(c.config['transforms'])) {
      const id = `step:${c.name}:${alias}`
      add(id, { kind: 'step', label: shortClass(c.config[`transforms.${alias}.type`]) || alias, connector: c.name })
      g.setEdge(previous, id)
      previous = id
    }
    g.setEdge(previous, to)
  }
  for (const c of connectors) {
    const id = `connector:${c.name}`
    add(id, { kind: c.type === 'sink' ? 'sink' : 'source', label: c.name, connector: c.name })
    const topics = c.type === 'sink' ? list(c.config['topics']) : list(c.config['topic'])
    for (const t of topics) if (!kinds.has(`topic:${t}`)) add(`topic:${t}`, { kind: 'topic', label: t })
    for (const t of topics) {
      if (c.type === 'sink') chain(c, `topic:${t}`, id)
      else chain(c, id, `topic:${t}`)
    }
  }
  dagre.layout(g)
  // cast: dagre's graph labels are untyped; after layout each node has x, y, width, height and each edge its points
  const box = (id: string): LaidOutNode => {
    const n: unknown = g.node(id)
    return n as LaidOutNode
  }
  const nodes = g.nodes().map((id) => {
    const n = box(id)
    const meta = kinds.get(id) ?? { kind: 'topic' as const, label: id }
    return { id, ...meta, x: n.x, y: n.y, width: n.width, height: n.height }
  })
  const edges = g.edges().map((e) => ({ from: e.v, to: e.w, points: (g.edge(e) as unknown as { points?: { x: number; y: number }[] }).points ?? [] }))
  const graph = g.graph() as unknown as { width?: number; height?: number }
  return { name, nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 }
}
