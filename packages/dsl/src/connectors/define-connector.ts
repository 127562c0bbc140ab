import { captureFactoryCallLocation, captureLocation } from '../ir/capture-location.js'
import type { SourceLocation } from '../diagnostics.js'
import { deepFreeze, type JsonObject } from '../ir/json.js'
import type { RecordFormat } from '../ir/nodes.js'
import type { AnyField, OptionsOf } from './field.js'

const CONNECTOR_REF = Symbol.for('@pipe/dsl/ConnectorRef')
/** The definition a ref carries (non-enumerable: JSON and the IR stay plain). Shared across copies of the package. */
const CONNECTOR_DEFINITION = Symbol.for('@pipe/dsl/ConnectorDefinition')

/**
 * A problem found by a definition's `check`.
 *
 * @example
 * ```ts
 * check: (o) => (o['rules'] ? [] : [{ code: 'PIPE_MISSING_OPTION', message: 'needs rules', hint: 'add rules' }])
 * ```
 */
export interface OptionProblem {
  readonly code: 'PIPE_MISSING_OPTION' | 'PIPE_INVALID_OPTION'
  readonly message: string
  readonly hint: string
}

/**
 * What a definition's `extraConfig` gets besides the options.
 *
 * @example
 * ```ts
 * extraConfig: (options, { topic, pipeline }) => ({ 'topic.prefix': topic ?? pipeline })
 * ```
 */
export interface ExtraConfigContext {
  /** The topic the connector writes (sources) or reads (sinks). */
  readonly topic: string | undefined
  readonly pipeline: string
}

/**
 * Where a connector can run on Kafka Connect, or why it cannot.
 *
 * @example
 * ```ts
 * const m: KafkaConnectMapping = { unsupported: 'no Kafka Connect connector on Maven Central' }
 * ```
 */
export type KafkaConnectMapping =
  | {
      readonly class: string
      /** Keys the connector needs beyond its fields' own keys (e.g. built from a mapping). */
      readonly extraConfig?: (options: JsonObject, context: ExtraConfigContext) => Readonly<Record<string, string>>
      /**
       * How a source's records reach the pipeline topic: the `topic` key (default), a final
       * RegexRouter (`route-to-topic`) for connectors that name topics themselves (Debezium), or
       * `'none'`: the connector writes the topics it names, one of which is the pipeline topic.
       */
      readonly routing?: 'topic-key' | 'router' | 'none'
      /** The plugin version a pulled module was generated from (`pipe plugins pull`). */
      readonly version?: string
    }
  | { readonly unsupported: string }

/**
 * Everything pipe knows about one connector: one typed field spec drives type, checks, keys, docs.
 *
 * @example
 * ```ts
 * const d: ConnectorDefinition | undefined = findConnectorDefinition('jdbc', 'sink')
 * ```
 */
export interface ConnectorDefinition<F extends Readonly<Record<string, AnyField>> = Readonly<Record<string, AnyField>>> {
  /** The connector's name, shared with its runtime implementation (`runtime/connectors/<name>`). */
  readonly name: string
  readonly role: 'source' | 'sink'
  readonly doc: string
  readonly fields: F
  /** Sources: the format they write. Sinks: the formats they read, preferred first. */
  readonly formats: readonly [RecordFormat, ...RecordFormat[]]
  readonly kafkaConnect: KafkaConnectMapping
  /** Checks across options beyond each field's own (e.g. rules needed by the filtered stream). */
  readonly check?: (options: JsonObject) => readonly OptionProblem[]
  /** The class pipe's worker runs: the Kafka Connect class, or `pipe:<name>-<role>` (class-names.ts). */
  readonly pipeClass: string
  /**
   * Options not among `fields`: refused (default, PIPE_UNKNOWN_OPTION error), or kept as Kafka
   * Connect keeps them, compiled through as given: `'warn'` (a PIPE_UNKNOWN_OPTION warning, for
   * pulled plugins) or `'keep'` (silent, for `kafkaConnect()`). With either, option names are the
   * Kafka Connect keys (a field without `key` compiles to its option name).
   */
  readonly unknownKeys?: UnknownKeys
}

/**
 * What a definition does with options it has no field for; see {@link ConnectorDefinition.unknownKeys}.
 *
 * @example
 * ```ts
 * const u: UnknownKeys = 'warn'
 * ```
 */
export type UnknownKeys = 'error' | 'warn' | 'keep'

/**
 * A configured connector, as `file({...})` returns it; `R` is the record type a source produces or
 * the record shape a sink requires.
 *
 * @example
 * ```ts
 * const ref: ConnectorRef<'sink', unknown> = fileSink({ file: 'o' })
 * ```
 */
export interface ConnectorRef<Role extends 'source' | 'sink', R> {
  readonly [CONNECTOR_REF]: true
  /** The definition (or, for `kafkaConnect()`, the definition for a role); see {@link connectorDefinitionOf}. */
  readonly [CONNECTOR_DEFINITION]?: ConnectorDefinition | ((role: 'source' | 'sink') => ConnectorDefinition)
  readonly connector: string
  readonly role: Role
  readonly options: JsonObject
  readonly loc: SourceLocation | undefined
  /** Phantom: the record type. */
  readonly __record?: (r: R) => R
}

/**
 * A configured source connector producing records of type `T`.
 *
 * @example
 * ```ts
 * const s: SourceConnector<string> = file({ file: 'in.txt' })
 * ```
 */
export type SourceConnector<T> = ConnectorRef<'source', T>

/**
 * A configured sink connector that needs records assignable to `R`.
 *
 * @example
 * ```ts
 * const s: SinkConnector<{ readonly id: unknown }> = cassandra({ ..., columns: { id: 'id' } })
 * ```
 */
export type SinkConnector<R> = ConnectorRef<'sink', R>

/**
 * Declares a connector definition (identity, for inference).
 *
 * @example
 * ```ts
 * export const fileSourceDefinition = defineConnector({ name: 'file', role: 'source', doc: '...',
 *   fields: { file: field.string({ key: 'file', doc: 'path' }) }, formats: ['string'],
 *   kafkaConnect: { class: 'org.apache.kafka.connect.file.FileStreamSourceConnector' },
 *   pipeClass: 'org.apache.kafka.connect.file.FileStreamSourceConnector' })
 * ```
 */
export function defineConnector<const F extends Readonly<Record<string, AnyField>>>(
  definition: ConnectorDefinition<F>,
): ConnectorDefinition<F> {
  return Object.freeze(definition)
}

/**
 * Makes a ref; `definition` is the definition, or one per role for a ref usable as either.
 *
 * @example
 * ```ts
 * const ref = makeConnectorRef(fileSourceDefinition, { file: 'in.txt' }, 'source')
 * ```
 */
export function makeConnectorRef(
  definition: ConnectorDefinition | ((role: 'source' | 'sink') => ConnectorDefinition),
  options: object,
  role: 'source' | 'sink' | 'either',
  loc: SourceLocation | undefined = captureLocation(),
): ConnectorRef<'source' | 'sink', unknown> {
  // options are JSON by construction (field types are JSON types); validated again on the IR
  const json = deepFreeze(JSON.parse(JSON.stringify(options)) as JsonObject)
  const name = typeof definition === 'function' ? definition('source').name : definition.name
  const ref = {
    [CONNECTOR_REF]: true as const,
    connector: name,
    // 'either': the role is fixed where the ref is used (source() or .sink())
    role: role as 'source' | 'sink',
    options: json,
    loc,
  }
  Object.defineProperty(ref, CONNECTOR_DEFINITION, { value: definition, enumerable: false })
  return Object.freeze(ref)
}

function connectorRef(definition: ConnectorDefinition, options: object): ConnectorRef<'source' | 'sink', unknown> {
  // connectorRef <- sourceRef/sinkRef <- the factory
  return makeConnectorRef(definition, options, definition.role, captureFactoryCallLocation(2))
}

/**
 * The definition a configured connector carries, for the role it is used in; undefined for a ref
 * made by another copy of `@pipe/dsl` older than definitions on refs.
 *
 * @example
 * ```ts
 * connectorDefinitionOf(file({ file: 'a' }), 'source')?.kafkaConnect
 * ```
 */
export function connectorDefinitionOf(ref: ConnectorRef<'source' | 'sink', unknown>, role: 'source' | 'sink'): ConnectorDefinition | undefined {
  const definition = ref[CONNECTOR_DEFINITION]
  return typeof definition === 'function' ? definition(role) : definition
}

/**
 * Makes a configured source connector (used by the connector factories).
 *
 * @example
 * ```ts
 * const ref = sourceRef<string>(fileSourceDefinition, { file: 'in.txt' })
 * ```
 */
export function sourceRef<T>(definition: ConnectorDefinition, options: object): SourceConnector<T> {
  // the record type is phantom; the role is the definition's
  return connectorRef(definition, options) as unknown as SourceConnector<T>
}

/**
 * Makes a configured sink connector (used by the connector factories).
 *
 * @example
 * ```ts
 * const ref = sinkRef<unknown>(fileSinkDefinition, { file: 'out.txt' })
 * ```
 */
export function sinkRef<R>(definition: ConnectorDefinition, options: object): SinkConnector<R> {
  // see sourceRef
  return connectorRef(definition, options) as unknown as SinkConnector<R>
}

/**
 * Whether a value is a configured connector of the given role.
 *
 * @example
 * ```ts
 * isConnectorRef(file({ file: 'a' }), 'source') // true
 * ```
 */
export function isConnectorRef(value: unknown, role: 'source' | 'sink'): value is ConnectorRef<typeof role, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string | symbol, unknown>
  return v[CONNECTOR_REF] === true && (v['role'] === role || v['role'] === 'either')
}

/**
 * The option type of a definition.
 *
 * @example
 * ```ts
 * type O = DefinitionOptions<typeof fileSourceDefinition> // { file: string; batchSize?: number }
 * ```
 */
export type DefinitionOptions<D> = D extends ConnectorDefinition<infer F> ? OptionsOf<F> : never
