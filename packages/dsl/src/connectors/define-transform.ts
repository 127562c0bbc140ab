import { deepFreeze, type JsonObject } from '../ir/json.js'
import type { Secret } from '../ir/secret.js'
import type { PluginPredicateIR, PluginStepIR } from '../ir/steps.js'
import type { UnknownKeys } from './define-connector.js'
import type { AnyField, OptionsOf } from './field.js'

const TRANSFORM_REF = Symbol.for('@pipe/dsl/TransformRef')
/** The definition a plugin step or predicate carries (non-enumerable). */
const PLUGIN_DEFINITION = Symbol.for('@pipe/dsl/PluginDefinition')

/**
 * A Kafka Connect SMT (transformation) or predicate of a plugin: its class and its options, whose
 * names are the SMT's Kafka Connect keys (`pipe plugins pull` writes these).
 *
 * @example
 * ```ts
 * const d: PluginDefinition = defineTransform({ class: 'io.debezium.transforms.ExtractNewRecordState', doc: '...',
 *   fields: { 'drop.tombstones': field.bool({ doc: 'drop tombstones', optional: true }) } })
 * ```
 */
export interface PluginDefinition<F extends Readonly<Record<string, AnyField>> = Readonly<Record<string, AnyField>>> {
  readonly kind: 'transform' | 'predicate'
  readonly class: string
  /** The plugin version the module was generated from. */
  readonly version?: string
  readonly doc: string
  readonly fields: F
  /** Options not among `fields`: `'warn'` (default for plugins: Kafka Connect keeps them), `'error'` or `'keep'`. */
  readonly unknownKeys?: UnknownKeys
}

/**
 * What {@link defineTransform} and {@link definePredicate} take.
 *
 * @example
 * ```ts
 * const init: PluginDefinitionInit<{}> = { class: 'com.acme.Upper', doc: 'upper-cases the value', fields: {} }
 * ```
 */
export type PluginDefinitionInit<F extends Readonly<Record<string, AnyField>>> = Omit<PluginDefinition<F>, 'kind'>

/**
 * Declares a plugin's SMT (identity plus a kind, for inference).
 *
 * @example
 * ```ts
 * export const extractNewRecordStateDefinition = defineTransform({
 *   class: 'io.debezium.transforms.ExtractNewRecordState', version: '2.7.3.Final', doc: 'Unwraps Debezium change events',
 *   fields: { 'delete.handling.mode': field.enum(['drop', 'rewrite', 'none'], { doc: 'how deletes are handled', optional: true }) },
 *   unknownKeys: 'warn',
 * })
 * ```
 */
export function defineTransform<const F extends Readonly<Record<string, AnyField>>>(definition: PluginDefinitionInit<F>): PluginDefinition<F> {
  return Object.freeze({ ...definition, kind: 'transform' as const })
}

/**
 * Declares a plugin's predicate.
 *
 * @example
 * ```ts
 * export const isDeleteDefinition = definePredicate({ class: 'com.acme.IsDelete', doc: 'true for deletes', fields: {} })
 * ```
 */
export function definePredicate<const F extends Readonly<Record<string, AnyField>>>(definition: PluginDefinitionInit<F>): PluginDefinition<F> {
  return Object.freeze({ ...definition, kind: 'predicate' as const })
}

/**
 * The value types an option may take in a definition that keeps unknown keys.
 *
 * @example
 * ```ts
 * const v: OptionValue = ['a', 'b']
 * ```
 */
export type OptionValue = string | number | boolean | readonly string[] | Secret

/**
 * Options of a plugin definition (or a connector definition's fields) where unknown keys are
 * allowed: known keys keep their type and required-ness (a wrong type or a missing required key is
 * a tsc error), any other key takes an {@link OptionValue} (a PIPE_UNKNOWN_OPTION warning at run time).
 *
 * @example
 * ```ts
 * type O = OpenOptions<typeof extractNewRecordStateDefinition['fields']>
 * const o: O = { 'delete.handling.mode': 'rewrite', 'some.new.key': 'x' }
 * ```
 */
export type OpenOptions<F extends Readonly<Record<string, AnyField>>> = OptionsOf<F> & Readonly<Record<string, OptionValue>>

/**
 * A configured plugin SMT, given to `stream.transform(...)`.
 *
 * @example
 * ```ts
 * const step: TransformRef = transformRef(extractNewRecordStateDefinition, { 'drop.tombstones': true })
 * stream.transform<Customer>(step)
 * ```
 */
export interface TransformRef {
  readonly [TRANSFORM_REF]: true
  readonly step: PluginStepIR
}

/**
 * A configured plugin predicate, usable wherever a `Predicate` is (`dropIf`, `keepIf`, `when`, `not`).
 *
 * @example
 * ```ts
 * stream.dropIf(predicateRef(isDeleteDefinition, {}))
 * ```
 */
export interface PluginPredicate {
  readonly test: PluginPredicateIR
  readonly negate: boolean
}

function plainConfig(options: object): JsonObject {
  // options are JSON by construction (field types are JSON types, secrets are JSON objects)
  return deepFreeze(JSON.parse(JSON.stringify(options)) as JsonObject)
}

function withDefinition<T extends object>(value: T, definition: PluginDefinition): T {
  Object.defineProperty(value, PLUGIN_DEFINITION, { value: definition, enumerable: false })
  return Object.freeze(value)
}

/**
 * Makes a plugin SMT step from a definition and options (used by generated modules).
 *
 * @example
 * ```ts
 * export function extractNewRecordState(options: ExtractNewRecordStateOptions = {}): TransformRef {
 *   return transformRef(extractNewRecordStateDefinition, options)
 * }
 * ```
 */
export function transformRef(definition: PluginDefinition, options: object): TransformRef {
  const step = withDefinition<PluginStepIR>({ type: 'plugin', class: definition.class, config: plainConfig(options) }, definition)
  return Object.freeze({ [TRANSFORM_REF]: true as const, step })
}

/**
 * Makes a plugin predicate from a definition and options (used by generated modules).
 *
 * @example
 * ```ts
 * export const isDelete = (options: IsDeleteOptions = {}): PluginPredicate => predicateRef(isDeleteDefinition, options)
 * ```
 */
export function predicateRef(definition: PluginDefinition, options: object): PluginPredicate {
  const test = withDefinition<PluginPredicateIR>({ type: 'plugin', class: definition.class, config: plainConfig(options) }, definition)
  return Object.freeze({ test, negate: false })
}

function untyped(kind: 'transform' | 'predicate', className: string): PluginDefinition {
  return Object.freeze({ kind, class: className, doc: `Kafka Connect ${kind} ${className}`, fields: {}, unknownKeys: 'keep' })
}

/**
 * Any Kafka Connect SMT, untyped: its class and its keys (without `transforms.<alias>.`).
 *
 * @example
 * ```ts
 * stream.transform(kafkaConnectTransform('io.debezium.transforms.ExtractNewRecordState', { 'drop.tombstones': 'false' }))
 * ```
 */
export function kafkaConnectTransform(className: string, config: Readonly<Record<string, string | Secret>>): TransformRef {
  return transformRef(untyped('transform', className), config)
}

/**
 * Any Kafka Connect predicate, untyped: its class and its keys (without `predicates.<alias>.`).
 *
 * @example
 * ```ts
 * stream.dropIf(kafkaConnectPredicate('com.acme.IsDelete', { field: 'op' }))
 * ```
 */
export function kafkaConnectPredicate(className: string, config: Readonly<Record<string, string | Secret>>): PluginPredicate {
  return predicateRef(untyped('predicate', className), config)
}

/**
 * Whether a value is a configured plugin SMT.
 *
 * @example
 * ```ts
 * isTransformRef(kafkaConnectTransform('com.acme.Upper', {})) // true
 * ```
 */
export function isTransformRef(value: unknown): value is TransformRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TRANSFORM_REF] === true
}

/**
 * The definition a plugin step or predicate IR object was made with (undefined for one parsed from JSON).
 *
 * @example
 * ```ts
 * pluginDefinitionOf(transformRef(def, {}).step) === def // true
 * ```
 */
export function pluginDefinitionOf(value: PluginStepIR | PluginPredicateIR): PluginDefinition | undefined {
  return (value as unknown as Record<symbol, PluginDefinition | undefined>)[PLUGIN_DEFINITION]
}
