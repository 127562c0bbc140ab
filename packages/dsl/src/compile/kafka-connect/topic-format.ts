import type { DefinitionCatalog } from '../../connectors/catalog.js'
import type { PipelineNode, RecordFormat, TopicNode } from '../../ir/nodes.js'
import { pathToSink, type IrGraph } from '../../ir/visit.js'

function writerOf(graph: IrGraph, topic: TopicNode): PipelineNode | undefined {
  let current: PipelineNode | undefined = graph.prev.get(topic.id)?.[0]
  while (current?.kind === 'transform') current = graph.prev.get(current.id)?.[0]
  return current
}

/**
 * The record format of a topic: its declared `format`, else the format of the connector that writes
 * it in this pipeline (a topic-to-topic connector passes its input's format on), else `json`.
 *
 * @example
 * ```ts
 * topicFormat(indexGraph(ir), topicNode, definitions) // 'string' for a topic written by the file source
 * ```
 */
export function topicFormat(graph: IrGraph, topic: TopicNode, definitions: DefinitionCatalog, depth = 0): RecordFormat {
  if (topic.options.format !== undefined) return topic.options.format
  const writer = writerOf(graph, topic)
  if (writer?.kind === 'source') return definitions.connectors.get(writer.id)?.formats[0] ?? 'json'
  if (writer?.kind === 'sink' && depth < 16) {
    const input = pathToSink(graph, writer).topic
    if (input !== undefined) return topicFormat(graph, input, definitions, depth + 1)
  }
  return 'json'
}

/**
 * Whether a topic's format is declared or set by its writer in this pipeline (not the `json` default).
 *
 * @example
 * ```ts
 * topicFormatIsKnown(indexGraph(ir), topicNode) // false for topic('t').sink(...)
 * ```
 */
export function topicFormatIsKnown(graph: IrGraph, topic: TopicNode): boolean {
  return topic.options.format !== undefined || writerOf(graph, topic) !== undefined
}
