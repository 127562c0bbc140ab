import type { SourceLocation } from '../diagnostics.js'
import type { JsonObject } from './json.js'
import type { StepIR, PredicateIR } from './steps.js'

/**
 * A node id inside one {@link PipelineIR}, e.g. `n3`.
 *
 * @example
 * ```ts
 * ir.nodes[0]?.id // 'n0'
 * ```
 */
export type NodeId = string & { readonly __brand: 'NodeId' }

/**
 * A typed error policy; compiles to Kafka Connect's `errors.*` keys.
 *
 * @example
 * ```ts
 * stream.sink(fileSink({ file: 'o' }), { errors: { tolerance: 'all', deadLetterTopic: 'o-dlq', deadLetterContextHeaders: true } })
 * ```
 */
export interface ErrorPolicy {
  /** `errors.tolerance`. @default 'none' */
  readonly tolerance?: 'none' | 'all'
  /** `errors.retry.timeout` in ms; -1 retries forever. @default 0 */
  readonly retryTimeoutMs?: number
  /** `errors.retry.delay.max.ms`. @default 60000 */
  readonly retryMaxDelayMs?: number
  /** `errors.log.enable`. @default false */
  readonly log?: boolean
  /** `errors.log.include.messages`. @default false */
  readonly logMessages?: boolean
  /** `errors.deadletterqueue.topic.name` (sinks only on Kafka Connect). */
  readonly deadLetterTopic?: string
  /** `errors.deadletterqueue.topic.replication.factor`. @default 3 */
  readonly deadLetterReplicationFactor?: number
  /** `errors.deadletterqueue.context.headers.enable`. @default false */
  readonly deadLetterContextHeaders?: boolean
}

/**
 * Per-connector settings given next to the connector: `source(c, settings)`, `.sink(c, settings)`.
 *
 * @example
 * ```ts
 * source(file({ file: 'in' }), { name: 'reader', tasksMax: 1, errors: { tolerance: 'none' } })
 * ```
 */
export interface ConnectorSettings {
  /** Suffix of the connector name: `<pipeline>-<name>` instead of `<pipeline>-source`/`-sink`. */
  readonly name?: string
  /**
   * The whole connector name, kept as is, for a connector whose name does not follow `<pipeline>-<name>`
   * (`pipe import` writes it for a connector named without a `-`); instead of `name`.
   */
  readonly connectorName?: string
  /** `tasks.max`. @default 1 */
  readonly tasksMax?: number
  /** The error policy of this connector. */
  readonly errors?: ErrorPolicy
  /**
   * The state `pipe deploy` creates the connector in (Kafka Connect 3.7+'s `initial_state`, KIP-980).
   * Only a create honours it: deploy never changes the state of an existing connector.
   * @default 'running'
   */
  readonly initialState?: InitialState
}

/**
 * The state a connector is created in: `source(c, { initialState: 'paused' })`.
 *
 * @example
 * ```ts
 * const s: InitialState = 'stopped'
 * ```
 */
export type InitialState = 'running' | 'paused' | 'stopped'

interface NodeBase {
  readonly id: NodeId
  readonly loc?: SourceLocation
}

/**
 * A source connector.
 *
 * @example
 * ```ts
 * const n: SourceNode = { kind: 'source', id: 'n0' as NodeId, connector: 'file', options: { file: 'in.txt' } }
 * ```
 */
export interface SourceNode extends NodeBase, ConnectorSettings {
  readonly kind: 'source'
  /** The connector definition's name, e.g. `file`, `twitter`. */
  readonly connector: string
  readonly options: JsonObject
}

/**
 * Topic-level options (`topic(name, options)`).
 *
 * @example
 * ```ts
 * topic('orders', { partitions: 6, replicationFactor: 3, cleanupPolicy: 'compact', retentionMs: 86_400_000, format: 'json' })
 * ```
 */
export interface TopicOptions {
  readonly partitions?: number
  readonly replicationFactor?: number
  readonly cleanupPolicy?: 'delete' | 'compact' | 'compact,delete'
  readonly retentionMs?: number
  /**
   * Kafka's `retention.bytes`, per partition; -1: no size bound. On the embedded store the oldest
   * records past it are deleted once every consumer group consumed them, and sources wait while a
   * partition is full of records not consumed yet.
   * @default -1 on Kafka (the broker's default), 1 GiB on the embedded store
   */
  readonly retentionBytes?: number
  /** How records are encoded on the topic; by default the writing connector's format. */
  readonly format?: RecordFormat
}

/**
 * Record encodings, each a Kafka Connect converter (see compile/kafka-connect/converters.ts).
 *
 * @example
 * ```ts
 * topic('pg.customers', { format: 'json-schema' })
 * ```
 */
export type RecordFormat = 'json' | 'json-schema' | 'string'

/**
 * A Kafka topic.
 *
 * @example
 * ```ts
 * const n: TopicNode = { kind: 'topic', id: 'n1' as NodeId, topic: 'lines', options: {} }
 * ```
 */
export interface TopicNode extends NodeBase {
  readonly kind: 'topic'
  readonly topic: string
  readonly options: TopicOptions
}

/**
 * One step of a connector's transform chain.
 *
 * @example
 * ```ts
 * const n: TransformNode = { kind: 'transform', id: 'n2' as NodeId, step: { type: 'code', op: 'map', ref: 'p/map#0' } }
 * ```
 */
export interface TransformNode extends NodeBase {
  readonly kind: 'transform'
  readonly step: StepIR
  readonly predicate?: { readonly test: PredicateIR; readonly negate: boolean }
  /** Its Kafka Connect alias (`.as()`); absent: `<step type>-<position>`. */
  readonly alias?: string
  /** Its predicate's alias (`.as(a, { predicate })`); absent: `<alias>-if`. */
  readonly predicateAlias?: string
}

/**
 * A sink connector (or the topic-to-topic connector, whose edge leads to a topic).
 *
 * @example
 * ```ts
 * const n: SinkNode = { kind: 'sink', id: 'n3' as NodeId, connector: 'file', options: { file: 'out.txt' } }
 * ```
 */
export interface SinkNode extends NodeBase, ConnectorSettings {
  readonly kind: 'sink'
  readonly connector: string
  readonly options: JsonObject
}

/**
 * Any IR node, discriminated by `kind`.
 *
 * @example
 * ```ts
 * switch (node.kind) { case 'source': case 'sink': case 'topic': case 'transform': break; default: assertNever(node) }
 * ```
 */
export type PipelineNode = SourceNode | TopicNode | TransformNode | SinkNode

/**
 * The kinds of {@link PipelineNode}.
 *
 * @example
 * ```ts
 * NODE_KINDS.includes(node.kind)
 * ```
 */
export const NODE_KINDS = ['source', 'topic', 'transform', 'sink'] as const satisfies readonly PipelineNode['kind'][]

/**
 * A directed edge: records flow `from` → `to`.
 *
 * @example
 * ```ts
 * const e: Edge = { from: 'n0' as NodeId, to: 'n1' as NodeId }
 * ```
 */
export interface Edge {
  readonly from: NodeId
  readonly to: NodeId
}
