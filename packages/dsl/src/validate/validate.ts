import { compilePipeline } from '../compile/compile-pipeline.js'
import { connectorNames, isValidName, isValidTopicName } from '../ir/naming.js'
import type { DefinitionCatalog } from '../connectors/catalog.js'
import { validateOptions } from '../connectors/validate-options.js'
import { diagnostic, type Diagnostic } from '../diagnostics.js'
import type { PipelineNode, SinkNode, SourceNode } from '../ir/nodes.js'
import { IR_SCHEMA_VERSION, type PipelineIR } from '../ir/pipeline-ir.js'
import { validateStep } from './validate-step.js'
import { indexGraph, pathFromSource, pathToSink, type IrGraph } from '../ir/visit.js'

interface Context {
  readonly ir: PipelineIR
  readonly graph: IrGraph
  readonly names: ReadonlyMap<string, string>
  readonly definitions: DefinitionCatalog
}

/**
 * Options of {@link validatePipeline}.
 *
 * @example
 * ```ts
 * const { ir, definitions } = lowerPipeline(p, { defaultName: 'p' })
 * validatePipeline(ir, { definitions })
 * ```
 */
export interface ValidateOptions {
  /** The definitions the pipeline's nodes were built with (`lowerPipeline(...).definitions`). */
  readonly definitions: DefinitionCatalog
}

function sourceForks(node: SourceNode, graph: IrGraph): boolean {
  let current: PipelineNode | undefined = node
  while (current !== undefined && current.kind !== 'topic') {
    const next: readonly PipelineNode[] = graph.next.get(current.id) ?? []
    if (next.length > 1) return true
    current = next[0]
  }
  return false
}

function connectorDiagnostics(node: SourceNode | SinkNode, context: Context): Diagnostic[] {
  const { ir, graph } = context
  const connector = context.names.get(node.id) ?? ''
  const at = { location: node.loc, pipeline: ir.name, connector }
  const out: Diagnostic[] = []
  const definition = context.definitions.connectors.get(node.id)
  if (definition === undefined) {
    out.push(diagnostic({ code: 'PIPE_UNKNOWN_CONNECTOR', message: `unknown ${node.kind} connector '${node.connector}'`, hint: "make it with a connector factory (from '@pipe/dsl/connectors', defineConnector(...) or kafkaConnect(...)), and validate the pipeline with the definitions lowerPipeline returns", ...at }))
  } else {
    out.push(...validateOptions(definition, node.options, at))
  }
  if (node.name !== undefined && !isValidName(node.name)) {
    out.push(diagnostic({ code: 'PIPE_INVALID_NAME', message: `invalid connector name '${node.name}'`, hint: 'use letters, digits, ., _ and -, starting with a letter or digit', ...at }))
  }
  if (node.connectorName !== undefined && !isValidName(node.connectorName)) {
    out.push(diagnostic({ code: 'PIPE_INVALID_NAME', message: `invalid connector name '${node.connectorName}'`, hint: 'use letters, digits, ., _ and -, starting with a letter or digit', ...at }))
  }
  if (node.connectorName !== undefined && node.name !== undefined) {
    out.push(diagnostic({ code: 'PIPE_INVALID_OPTION', message: `give the connector name or connectorName, not both (got name '${node.name}' and connectorName '${node.connectorName}')`, hint: `keep connectorName: '${node.connectorName}' (the whole name) or name: '${node.name}' (<pipeline>-${node.name})`, ...at }))
  }
  if (node.tasksMax !== undefined && (!Number.isInteger(node.tasksMax) || node.tasksMax < 1)) {
    out.push(diagnostic({ code: 'PIPE_INVALID_OPTION', message: `tasksMax must be an integer >= 1 (got ${String(node.tasksMax)})`, hint: 'set tasksMax: 1', ...at }))
  }
  const dlq = node.errors?.deadLetterTopic
  if (dlq !== undefined && !isValidTopicName(dlq)) {
    out.push(diagnostic({ code: 'PIPE_INVALID_TOPIC_NAME', message: `invalid dead-letter topic name '${dlq}'`, hint: 'topic names use letters, digits, ., _ and - (at most 249)', ...at }))
  }
  const topic = node.kind === 'source' ? pathFromSource(graph, node).topic : pathToSink(graph, node).topic
  if (dlq !== undefined && dlq === topic?.topic) {
    out.push(diagnostic({ code: 'PIPE_INVALID_OPTION', message: `the dead-letter topic '${dlq}' is the topic the connector reads`, hint: `use another topic, e.g. '${dlq}-dlq'`, ...at }))
  }
  if (node.kind === 'source' && sourceForks(node, graph)) {
    out.push(diagnostic({ code: 'PIPE_SOURCE_FORK', message: 'a source connector writes one topic: its stream forks before .to()', hint: 'fork after .to(topic(...)): one topic, several sinks', ...at }))
  }
  if (topic === undefined) {
    out.push(diagnostic({ code: 'PIPE_DANGLING_NODE', message: `${node.connector} ${node.kind} is not connected to a topic`, hint: node.kind === 'source' ? 'add .to(topic(...))' : 'start from topic(...) or .to(topic(...))', ...at }))
  }
  return out
}

function nodeDiagnostics(node: PipelineNode, context: Context): Diagnostic[] {
  const pipeline = context.ir.name
  switch (node.kind) {
    case 'source':
    case 'sink':
      return connectorDiagnostics(node, context)
    case 'transform':
      return validateStep(node, pipeline, context.definitions)
    case 'topic': {
      if (isValidTopicName(node.topic)) return []
      return [diagnostic({ code: 'PIPE_INVALID_TOPIC_NAME', message: `invalid topic name '${node.topic}'`, hint: 'topic names use letters, digits, ., _ and - (at most 249, not . or ..)', location: node.loc, pipeline })]
    }
  }
}

function duplicateNames(context: Context): Diagnostic[] {
  const seen = new Set<string>()
  const out: Diagnostic[] = []
  for (const node of context.ir.nodes) {
    const name = context.names.get(node.id)
    if (name === undefined) continue
    if (seen.has(name)) {
      out.push(diagnostic({ code: 'PIPE_DUPLICATE_CONNECTOR', message: `connector name '${name}' is used twice in pipeline '${context.ir.name}'`, hint: 'give the connectors different { name } settings', location: node.loc, pipeline: context.ir.name, connector: name }))
    }
    seen.add(name)
  }
  return out
}

/**
 * Validates one pipeline IR: schema version, names, topics, graph shape, transform parameters,
 * connector options (required, types, ranges, enums) and literal secrets; for a pipeline declared
 * `.target('kafka-connect')` also what Kafka Connect cannot run (TypeScript steps, pipe-only
 * connectors) and the other compile diagnostics. Pure, offline.
 *
 * @example
 * ```ts
 * const { ir, definitions } = lowerPipeline(p, { defaultName: 'lines' })
 * const diagnostics = validatePipeline(ir, { definitions })
 * ```
 */
export function validatePipeline(ir: PipelineIR, options: ValidateOptions): Diagnostic[] {
  if ((ir.schemaVersion as unknown) !== IR_SCHEMA_VERSION) {
    return [diagnostic({ code: 'PIPE_UNSUPPORTED_SCHEMA_VERSION', message: `unsupported IR schema version ${JSON.stringify(ir.schemaVersion)} (expected ${IR_SCHEMA_VERSION})`, hint: 'compile with the same @pipe/dsl version that produced it', pipeline: ir.name })]
  }
  const out: Diagnostic[] = []
  if (!isValidName(ir.name)) {
    out.push(diagnostic({ code: 'PIPE_INVALID_NAME', message: `invalid pipeline name '${ir.name}'`, hint: "use letters, digits, ., _ and -, e.g. .named('tweets')", pipeline: ir.name }))
  }
  if (!ir.nodes.some((n) => n.kind === 'source' || n.kind === 'sink')) {
    out.push(diagnostic({ code: 'PIPE_INVALID_IR', message: `pipeline '${ir.name}' has no connector`, hint: 'start with source(...) or end with .sink(...)', pipeline: ir.name }))
  }
  const context: Context = { ir, graph: indexGraph(ir), names: connectorNames(ir), definitions: options.definitions }
  for (const node of ir.nodes) out.push(...nodeDiagnostics(node, context))
  // a pipeline meant for Kafka Connect: what it cannot run is an error now, not at deploy time
  const portability = ir.target === 'kafka-connect' ? compilePipeline(ir, { target: 'kafka-connect', definitions: options.definitions }).diagnostics : []
  return [...out, ...duplicateNames(context), ...portability]
}
