import type { DefinitionCatalog } from '../connectors/catalog.js'
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import type { SinkNode, SourceNode, TopicNode } from '../ir/nodes.js'
import type { PipelineIR } from '../ir/pipeline-ir.js'
import { indexGraph, pathToSink, type IrGraph } from '../ir/visit.js'
import type { ConnectorDocument } from '../contract/connector-document.js'
import { sortKeys, type CompileResult, type CompileTarget, type TopicSpec } from './artifact.js'
import { connectorNames } from '../ir/naming.js'
import { toConnectorConfig } from './kafka-connect/to-connector-config.js'
import { topicFormat } from './kafka-connect/topic-format.js'

/**
 * Options of {@link compilePipeline}.
 *
 * @example
 * ```ts
 * compilePipeline(ir, { target: 'kafka-connect', definitions })
 * ```
 */
export interface CompileOptions {
  /** @default the pipeline's declared target, else 'kafka-connect' */
  readonly target?: CompileTarget
  /** The definitions the pipeline's nodes were built with (`lowerPipeline(...).definitions`). */
  readonly definitions: DefinitionCatalog
}

function topicSpec(node: TopicNode): TopicSpec {
  const config: Record<string, string> = {}
  if (node.options.cleanupPolicy !== undefined) config['cleanup.policy'] = node.options.cleanupPolicy
  if (node.options.retentionMs !== undefined) config['retention.ms'] = String(node.options.retentionMs)
  if (node.options.retentionBytes !== undefined) config['retention.bytes'] = String(node.options.retentionBytes)
  return {
    name: node.topic,
    ...(node.options.partitions === undefined ? {} : { partitions: node.options.partitions }),
    ...(node.options.replicationFactor === undefined ? {} : { replicationFactor: node.options.replicationFactor }),
    config: sortKeys(config),
  }
}

function topicSpecs(ir: PipelineIR): TopicSpec[] {
  const byName = new Map<string, TopicSpec>()
  for (const node of ir.nodes) {
    if (node.kind === 'topic' && !byName.has(node.topic)) byName.set(node.topic, topicSpec(node))
  }
  return [...byName.values()]
}

function connectorChecks(node: SourceNode | SinkNode, graph: IrGraph, target: CompileTarget, name: string, pipeline: string, definitions: DefinitionCatalog): Diagnostic[] {
  const at = { location: node.loc, pipeline, connector: name }
  const out: Diagnostic[] = []
  if (node.kind === 'source' && node.errors?.deadLetterTopic !== undefined && target === 'kafka-connect') {
    out.push(diagnostic({ code: 'PIPE_DLQ_ON_SOURCE', message: 'Kafka Connect supports a dead-letter topic only for sink connectors', hint: 'remove errors.deadLetterTopic from the source, or compile with --target pipe', ...at }))
  }
  if (node.kind !== 'sink') return out
  const definition = definitions.connectors.get(node.id)
  const topic = pathToSink(graph, node).topic
  if (definition !== undefined && topic !== undefined) {
    const format = topicFormat(graph, topic, definitions)
    if (!definition.formats.includes(format)) {
      out.push(diagnostic({
        code: 'PIPE_FORMAT_MISMATCH',
        message: `${definition.name} sink reads '${definition.formats.join("' | '")}' records but topic '${topic.topic}' holds '${format}' records`,
        hint: `declare topic('${topic.topic}', { format: '${definition.formats[0]}' }) and write it from a connector that produces that format`,
        ...at,
      }))
    }
  }
  if (definition?.name === 'cassandra' && target === 'kafka-connect') {
    out.push(diagnostic({
      code: 'PIPE_CASSANDRA_ARRAY_VALUE', severity: 'warning',
      message: "on Kafka Connect (Camel CQL sink) the record value must be a JSON array in the order of 'columns'",
      hint: 'write arrays to the topic, or run this sink on pipe (--target pipe / pipe run), which maps object fields by columns',
      ...at,
    }))
  }
  return out
}

/**
 * Compiles a pipeline IR into one connector config per connector (the body of Kafka Connect's
 * `POST /connectors`, sorted keys, stable names) and the topics it declares. Run
 * `validatePipeline` first: this reports only what depends on the target.
 *
 * @example
 * ```ts
 * const { ir, definitions } = lowerPipeline(p, { defaultName: 'p' })
 * const { connectors, topics, diagnostics } = compilePipeline(ir, { target: 'kafka-connect', definitions })
 * ```
 */
export function compilePipeline(ir: PipelineIR, options: CompileOptions): CompileResult {
  const target = options.target ?? ir.target ?? 'kafka-connect'
  const graph = indexGraph(ir)
  const names = connectorNames(ir)
  const connectors: ConnectorDocument[] = []
  const diagnostics: Diagnostic[] = []
  for (const node of ir.nodes) {
    if (node.kind !== 'source' && node.kind !== 'sink') continue
    const result = toConnectorConfig(node, { ir, graph, target, names, definitions: options.definitions })
    if (result.connector !== undefined) connectors.push(result.connector)
    diagnostics.push(...result.diagnostics, ...connectorChecks(node, graph, target, names.get(node.id) ?? '', ir.name, options.definitions))
  }
  return { connectors, topics: topicSpecs(ir), diagnostics }
}
