import type { DefinitionCatalog } from '../connectors/catalog.js'
import { connectorNames } from '../ir/naming.js'
import { topicFormat, topicFormatIsKnown } from '../compile/kafka-connect/topic-format.js'
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import type { RecordFormat, TopicNode, TopicOptions } from '../ir/nodes.js'
import type { PipelineIR } from '../ir/pipeline-ir.js'
import { indexGraph } from '../ir/visit.js'

const TOPIC_OPTION_KEYS = ['partitions', 'replicationFactor', 'cleanupPolicy', 'retentionMs', 'retentionBytes', 'format'] as const satisfies readonly (keyof TopicOptions)[]

function where(node: { readonly loc?: TopicNode['loc'] }): string {
  return node.loc === undefined ? '' : ` at ${node.loc.file}:${node.loc.line}`
}

function topicConflicts(irs: readonly PipelineIR[]): Diagnostic[] {
  const first = new Map<string, { node: TopicNode; pipeline: string }>()
  const out: Diagnostic[] = []
  for (const ir of irs) {
    for (const node of ir.nodes) {
      if (node.kind !== 'topic') continue
      const earlier = first.get(node.topic)
      if (earlier === undefined) {
        first.set(node.topic, { node, pipeline: ir.name })
        continue
      }
      for (const key of TOPIC_OPTION_KEYS) {
        const a = earlier.node.options[key]
        const b = node.options[key]
        if (a === undefined || b === undefined || a === b) continue
        out.push(diagnostic({
          code: 'PIPE_TOPIC_CONFLICT',
          message: `topic '${node.topic}' is declared with ${key} ${JSON.stringify(b)} here and ${JSON.stringify(a)} in pipeline '${earlier.pipeline}'${where(earlier.node)}`,
          hint: 'declare the topic once (export it from a shared module) or give both the same options',
          location: node.loc, pipeline: ir.name,
        }))
      }
    }
  }
  return out
}

function duplicates(irs: readonly PipelineIR[]): Diagnostic[] {
  const pipelines = new Map<string, PipelineIR>()
  const connectors = new Map<string, string>()
  const out: Diagnostic[] = []
  for (const ir of irs) {
    const earlier = pipelines.get(ir.name)
    if (earlier !== undefined && earlier !== ir) {
      const loc = ir.nodes[0]?.loc
      out.push(diagnostic({ code: 'PIPE_DUPLICATE_PIPELINE', message: `pipeline name '${ir.name}' is used by two pipelines`, hint: "give one of them another name with .named('...')", location: loc, pipeline: ir.name }))
      continue
    }
    pipelines.set(ir.name, ir)
    for (const [id, name] of connectorNames(ir)) {
      const owner = connectors.get(name)
      if (owner !== undefined && owner !== ir.name) {
        const loc = ir.nodes.find((n) => n.id === id)?.loc
        out.push(diagnostic({ code: 'PIPE_DUPLICATE_CONNECTOR', message: `connector name '${name}' is used by pipelines '${owner}' and '${ir.name}'`, hint: 'rename one pipeline or give the connector another { name }', location: loc, pipeline: ir.name, connector: name }))
      }
      connectors.set(name, ir.name)
    }
  }
  return out
}

function formatConflicts(pipelines: readonly ProjectPipeline[]): Diagnostic[] {
  const known = new Map<string, { format: RecordFormat; pipeline: string }>()
  const assumed: { node: TopicNode; format: RecordFormat; pipeline: string }[] = []
  for (const { ir, definitions } of pipelines) {
    const graph = indexGraph(ir)
    for (const node of ir.nodes) {
      if (node.kind !== 'topic') continue
      const format = topicFormat(graph, node, definitions)
      if (topicFormatIsKnown(graph, node)) {
        if (!known.has(node.topic)) known.set(node.topic, { format, pipeline: ir.name })
      } else {
        assumed.push({ node, format, pipeline: ir.name })
      }
    }
  }
  return assumed.flatMap(({ node, format, pipeline }) => {
    const writer = known.get(node.topic)
    if (writer === undefined || writer.format === format) return []
    return [diagnostic({
      code: 'PIPE_FORMAT_MISMATCH',
      message: `topic '${node.topic}' holds '${writer.format}' records (pipeline '${writer.pipeline}') but is read here as '${format}'`,
      hint: `declare topic('${node.topic}', { format: '${writer.format}' })`,
      location: node.loc, pipeline,
    })]
  })
}

/**
 * One pipeline of a project: its IR and its definitions (what `lowerPipeline` returns).
 *
 * @example
 * ```ts
 * const p: ProjectPipeline = lowerPipeline(pipeline, { defaultName: 'orders' })
 * ```
 */
export interface ProjectPipeline {
  readonly ir: PipelineIR
  readonly definitions: DefinitionCatalog
}

/**
 * Validates pipelines across files: duplicate pipeline names, duplicate connector names and
 * conflicting declarations of one topic (partitions, replication, cleanup, retention, format), and
 * topics read in another format than the one their writer uses.
 *
 * @example
 * ```ts
 * const diagnostics = validateProject([lowerPipeline(a, { defaultName: 'a' }), lowerPipeline(b, { defaultName: 'b' })])
 * ```
 */
export function validateProject(pipelines: readonly ProjectPipeline[]): Diagnostic[] {
  const irs = pipelines.map((p) => p.ir)
  return [...duplicates(irs), ...topicConflicts(irs), ...formatConflicts(pipelines)]
}
