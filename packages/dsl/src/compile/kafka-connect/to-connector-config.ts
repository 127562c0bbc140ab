import { isSecret, secretPlaceholder } from '../../ir/secret.js'
import type { ConnectorDefinition } from '../../connectors/define-connector.js'
import type { DefinitionCatalog } from '../../connectors/catalog.js'
import { looksLikeSecretKey } from '../../connectors/validate-options.js'
import { diagnostic, type Diagnostic } from '../../diagnostics.js'
import type { JsonObject, JsonValue } from '../../ir/json.js'
import type { NodeId, SinkNode, SourceNode, TopicNode } from '../../ir/nodes.js'
import type { PipelineIR } from '../../ir/pipeline-ir.js'
import { pathFromSource, pathToSink, type IrGraph } from '../../ir/visit.js'
import type { ConnectorDocument } from '../../contract/connector-document.js'
import { UNKEYED_SMT_CLASSES } from '../../contract/class-names.js'
import { sortKeys, type CompileTarget } from '../artifact.js'
import { converterConfig } from './converters.js'
import { errorPolicyConfig } from './error-policy.js'
import { topicFormat } from './topic-format.js'
import { transformChainConfig } from './transform-chain.js'

/**
 * The key that marks a connector as pipe's: its value is the pipeline name (see README of compile).
 *
 * @example
 * ```ts
 * connector.config[PIPE_PIPELINE_KEY] // 'tweets': pipe owns this connector
 * ```
 */
export const PIPE_PIPELINE_KEY = 'pipe.pipeline'

/** What compiling one connector needs. */
export interface ConnectorCompileContext {
  readonly ir: PipelineIR
  readonly graph: IrGraph
  readonly target: CompileTarget
  readonly names: ReadonlyMap<NodeId, string>
  readonly definitions: DefinitionCatalog
}

/** One compiled connector, or only diagnostics when it cannot be compiled. */
export interface ConnectorCompileResult {
  readonly connector: ConnectorDocument | undefined
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * A config value as Kafka Connect reads it: secrets as placeholders, lists comma-separated,
 * numbers and booleans as their string form.
 *
 * @example
 * ```ts
 * serialize(['a', 'b']) // 'a,b'
 * ```
 */
export function serialize(value: JsonValue): string {
  if (isSecret(value)) return secretPlaceholder(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',')
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

/** Kafka-Connect-style key of a field that has none (pipe target): `contactPoints` -> `contact.points`. */
function dottedKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `.${c.toLowerCase()}`)
}

const keepsUnknownKeys = (definition: ConnectorDefinition): boolean => definition.unknownKeys === 'warn' || definition.unknownKeys === 'keep'

/** A definition's options not among its fields, compiled through as given (Kafka Connect keeps unknown keys). */
function unknownKeyConfig(definition: ConnectorDefinition, options: JsonObject): Record<string, string> {
  if (!keepsUnknownKeys(definition)) return {}
  const config: Record<string, string> = {}
  for (const [key, value] of Object.entries(options)) {
    // a literal secret-looking value is reported by validatePipeline (PIPE_LITERAL_SECRET) and never written
    if (key in definition.fields || (typeof value === 'string' && looksLikeSecretKey(key))) continue
    config[key] = serialize(value)
  }
  return config
}

function fieldConfig(definition: ConnectorDefinition, options: JsonObject, target: CompileTarget): Record<string, string> {
  const config: Record<string, string> = {}
  for (const [name, spec] of Object.entries(definition.fields)) {
    const value: JsonValue | undefined = options[name] ?? (spec.default as JsonValue | undefined)
    const key = spec.key ?? (keepsUnknownKeys(definition) ? name : target === 'pipe' ? dottedKey(name) : undefined)
    // a literal password is never written out (validatePipeline reports PIPE_LITERAL_SECRET)
    const literalSecret = spec.kind === 'secret' && !isSecret(value)
    if (value === undefined || key === undefined || literalSecret) continue
    config[key] = spec.kind === 'list' && spec.encoding === 'json' ? JSON.stringify(value) : serialize(value)
  }
  return config
}

function notPortable(node: SourceNode | SinkNode, definition: ConnectorDefinition, reason: string, name: string, pipeline: string): Diagnostic {
  return diagnostic({
    code: 'PIPE_NOT_PORTABLE_CONNECTOR',
    message: `${definition.name} ${definition.role} runs only on the pipe runtime: ${reason}`,
    hint: 'compile with --target pipe, or run the pipeline with pipe run',
    location: node.loc, pipeline, connector: name,
  })
}

type KafkaConnectClass = Extract<ConnectorDefinition['kafkaConnect'], { readonly class: string }>

/** The Kafka Connect mapping when compiling for Kafka Connect, else undefined (pipe target). */
function kafkaConnectMapping(definition: ConnectorDefinition, target: CompileTarget): KafkaConnectClass | undefined {
  return target === 'kafka-connect' && 'class' in definition.kafkaConnect ? definition.kafkaConnect : undefined
}

function usesRouter(node: SourceNode | SinkNode, mapping: KafkaConnectClass | undefined): boolean {
  return node.kind === 'source' && mapping?.routing === 'router'
}

function routeToTopic(topic: TopicNode | undefined): [string, Record<string, string>][] {
  if (topic === undefined) return []
  return [['route-to-topic', {
    'transforms.route-to-topic.type': UNKEYED_SMT_CLASSES.RegexRouter,
    'transforms.route-to-topic.regex': '.*',
    'transforms.route-to-topic.replacement': topic.topic,
  }]]
}

/** The `topic`/`topics` keys; `noTopicKey`: a source whose records reach the topic otherwise (a router, or topics it names itself). */
function topicKeys(node: SourceNode | SinkNode, topic: TopicNode | undefined, graph: IrGraph, noTopicKey: boolean, writesTopic: boolean): Record<string, string> {
  if (node.kind === 'source') return topic === undefined || noTopicKey ? {} : { topic: topic.topic }
  const keys: Record<string, string> = topic === undefined ? {} : { topics: topic.topic }
  if (writesTopic) {
    const out = pathFromSource(graph, node).topic
    if (out !== undefined) keys['topic'] = out.topic
  }
  return keys
}

const INITIAL_STATES = { running: 'RUNNING', paused: 'PAUSED', stopped: 'STOPPED' } as const

function compileBody(node: SourceNode | SinkNode, definition: ConnectorDefinition, name: string, context: ConnectorCompileContext): ConnectorCompileResult {
  const { ir, graph, target } = context
  const mapping = kafkaConnectMapping(definition, target)
  const router = usesRouter(node, mapping)
  const path = node.kind === 'source' ? pathFromSource(graph, node) : pathToSink(graph, node)
  const chainContext = { target, side: node.kind, pipeline: ir.name, connector: name }
  const chain = transformChainConfig(path.transforms, chainContext, router ? routeToTopic(path.topic) : [])
  const config = {
    ...unknownKeyConfig(definition, node.options),
    ...fieldConfig(definition, node.options, target),
    ...mapping?.extraConfig?.(node.options, { topic: path.topic?.topic, pipeline: ir.name }),
    ...(path.topic === undefined ? {} : converterConfig(topicFormat(graph, path.topic, context.definitions))),
    ...chain.config,
    ...errorPolicyConfig(node.errors),
    ...topicKeys(node, path.topic, graph, router || mapping?.routing === 'none', definition.name === 'topic-to-topic'),
    name,
    'connector.class': mapping?.class ?? definition.pipeClass,
    'tasks.max': String(node.tasksMax ?? 1),
    [PIPE_PIPELINE_KEY]: ir.name,
  }
  const state = node.initialState === undefined ? {} : { initial_state: INITIAL_STATES[node.initialState] }
  return { connector: { name, config: sortKeys(config), ...state }, diagnostics: chain.diagnostics }
}

/**
 * Compiles one source or sink node into the body of Kafka Connect's `POST /connectors`: class,
 * `tasks.max`, topic keys, option keys, explicit converters, the transform chain with predicates,
 * `errors.*` keys, and `pipe.pipeline` (the owner marker: Kafka Connect keeps unknown keys and its
 * validation reports no error for them).
 *
 * @example
 * ```ts
 * toConnectorConfig(sinkNode, { ir, graph: indexGraph(ir), target: 'kafka-connect', names: connectorNames(ir), definitions })
 * ```
 */
export function toConnectorConfig(node: SourceNode | SinkNode, context: ConnectorCompileContext): ConnectorCompileResult {
  const name = context.names.get(node.id) ?? `${context.ir.name}-${node.kind}`
  const definition = context.definitions.connectors.get(node.id)
  if (definition === undefined) return { connector: undefined, diagnostics: [] } // reported by validatePipeline
  if (context.target === 'kafka-connect' && 'unsupported' in definition.kafkaConnect) {
    const path = node.kind === 'source' ? pathFromSource(context.graph, node) : pathToSink(context.graph, node)
    const steps = transformChainConfig(path.transforms, { target: context.target, side: node.kind, pipeline: context.ir.name, connector: name })
    return { connector: undefined, diagnostics: [notPortable(node, definition, definition.kafkaConnect.unsupported, name, context.ir.name), ...steps.diagnostics] }
  }
  return compileBody(node, definition, name, context)
}
