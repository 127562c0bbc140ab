import type { JsonObject } from './json.js'

/**
 * Kafka Connect `Cast` target types.
 *
 * @example
 * ```ts
 * stream.cast({ price: 'float64' }) // one of CAST_TYPES
 * ```
 */
export const CAST_TYPES = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string'] as const
/**
 * One of {@link CAST_TYPES}.
 *
 * @example
 * ```ts
 * const t: CastType = 'int32'
 * ```
 */
export type CastType = (typeof CAST_TYPES)[number]

/**
 * `TimestampConverter` target types (case-sensitive, as Kafka Connect spells them).
 *
 * @example
 * ```ts
 * stream.convertTimestamp({ field: 'at', targetType: 'unix' })
 * ```
 */
export const TIMESTAMP_TARGET_TYPES = ['string', 'unix', 'Date', 'Time', 'Timestamp'] as const
/**
 * One of {@link TIMESTAMP_TARGET_TYPES}.
 *
 * @example
 * ```ts
 * const t: TimestampTargetType = 'Timestamp'
 * ```
 */
export type TimestampTargetType = (typeof TIMESTAMP_TARGET_TYPES)[number]

/**
 * `TimestampConverter` `unix.precision` values.
 *
 * @example
 * ```ts
 * stream.convertTimestamp({ field: 'at', targetType: 'unix', unixPrecision: 'seconds' })
 * ```
 */
export type UnixPrecision = 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds'

/**
 * The portable steps: one per Kafka Connect SMT, discriminated by `type`.
 *
 * @example
 * ```ts
 * const step: PortableStepIR = { type: 'mask-field', fields: ['ssn'] }
 * ```
 */
export type PortableStepIR =
  | {
      readonly type: 'insert-field'
      readonly topicField?: string
      readonly partitionField?: string
      readonly offsetField?: string
      readonly timestampField?: string
      readonly staticField?: string
      readonly staticValue?: string
    }
  | {
      readonly type: 'replace-field'
      readonly include?: readonly string[]
      readonly exclude?: readonly string[]
      readonly renames?: readonly (readonly [string, string])[]
    }
  | { readonly type: 'mask-field'; readonly fields: readonly string[]; readonly replacement?: string }
  | { readonly type: 'cast'; readonly spec: string }
  | {
      readonly type: 'timestamp-converter'
      readonly targetType: TimestampTargetType
      readonly field?: string
      readonly format?: string
      readonly unixPrecision?: UnixPrecision
    }
  | { readonly type: 'regex-router'; readonly regex: string; readonly replacement: string }
  | { readonly type: 'timestamp-router'; readonly topicFormat?: string; readonly timestampFormat?: string }
  | { readonly type: 'value-to-key'; readonly fields: readonly string[] }
  | { readonly type: 'extract-field'; readonly field: string }
  | { readonly type: 'hoist-field'; readonly field: string }
  | { readonly type: 'flatten'; readonly delimiter?: string }
  | {
      readonly type: 'header-from'
      readonly fields: readonly string[]
      readonly headers: readonly string[]
      readonly operation: 'move' | 'copy'
    }
  | { readonly type: 'insert-header'; readonly header: string; readonly value: string }
  | { readonly type: 'drop-headers'; readonly headers: readonly string[] }
  | { readonly type: 'filter' }

/**
 * A TypeScript step: its function lives in the pipeline's step registry under `ref`.
 *
 * @example
 * ```ts
 * const step: CodeStepIR = { type: 'code', op: 'map', ref: 'tweets/map#0' }
 * ```
 */
export interface CodeStepIR {
  readonly type: 'code'
  readonly op: 'map' | 'filter' | 'flat-map'
  /** Stable id, `<pipeline>/<op>#<n>`, e.g. `tweets/map#0`. */
  readonly ref: string
}

/**
 * A Kafka Connect SMT pipe has no builder for (a plugin's, e.g. Debezium's `ExtractNewRecordState`):
 * its class and its options, the option names being the SMT's Kafka Connect keys.
 *
 * @example
 * ```ts
 * const step: PluginStepIR = { type: 'plugin', class: 'io.debezium.transforms.ExtractNewRecordState', config: { 'drop.tombstones': false } }
 * ```
 */
export interface PluginStepIR {
  readonly type: 'plugin'
  readonly class: string
  /** The SMT's keys (without `transforms.<alias>.`) and their values; secrets as placeholders. */
  readonly config: JsonObject
}

/**
 * Any step of a transform node.
 *
 * @example
 * ```ts
 * if (node.step.type === 'code') registry.get(node.step.ref)
 * ```
 */
export type StepIR = PortableStepIR | PluginStepIR | CodeStepIR

/**
 * The portable step types.
 *
 * @example
 * ```ts
 * PORTABLE_STEP_TYPES.length // 15
 * ```
 */
export const PORTABLE_STEP_TYPES = [
  'insert-field', 'replace-field', 'mask-field', 'cast', 'timestamp-converter', 'regex-router',
  'timestamp-router', 'value-to-key', 'extract-field', 'hoist-field', 'flatten', 'header-from',
  'insert-header', 'drop-headers', 'filter',
] as const satisfies readonly PortableStepIR['type'][]

/**
 * Kafka Connect's own predicates.
 *
 * @example
 * ```ts
 * const p: BuiltinPredicateIR = { type: 'has-header-key', name: 'trace-id' }
 * ```
 */
export type BuiltinPredicateIR =
  | { readonly type: 'topic-name-matches'; readonly pattern: string }
  | { readonly type: 'has-header-key'; readonly name: string }
  | { readonly type: 'record-is-tombstone' }

/**
 * A plugin's predicate: its class and its options (Kafka Connect keys without `predicates.<alias>.`).
 *
 * @example
 * ```ts
 * const p: PluginPredicateIR = { type: 'plugin', class: 'com.acme.IsDelete', config: { field: 'op' } }
 * ```
 */
export interface PluginPredicateIR {
  readonly type: 'plugin'
  readonly class: string
  readonly config: JsonObject
}

/**
 * Kafka Connect predicates: the built-in ones and plugins'.
 *
 * @example
 * ```ts
 * const p: PredicateIR = { type: 'has-header-key', name: 'trace-id' }
 * ```
 */
export type PredicateIR = BuiltinPredicateIR | PluginPredicateIR
