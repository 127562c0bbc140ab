import type { ConnectRecord } from '../records/connect-record.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'

/**
 * One step of a connector's `transforms` chain (Kafka Connect `Transformation`): returns the
 * new record, or `null` to drop it. Must not mutate its input. Works on source and sink records:
 * everything it does not change is kept by spreading the input.
 */
export interface Transformation {
  apply<R extends ConnectRecord>(record: R): R | null
  /** For steps that emit several records per input (`pipe:flat-map`); preferred over `apply` when present. */
  applyAll?<R extends ConnectRecord>(record: R): readonly R[]
}

/** A predicate (`predicates.<alias>`), tested before a transform when `transforms.<a>.predicate` is set. */
export interface Predicate {
  test(record: ConnectRecord): boolean
}

/** A TypeScript step function registered by stable id (`transforms.<alias>.ref`). */
/** Parameter `never` so the dsl's typed step functions (`(t: Tweet) => ...`) fit; the runtime passes record values. */
export type StepFunction = (value: never) => unknown

/** What a transform or predicate is built from. */
export interface PluginContext {
  /** `source` or `sink`: InsertField's `offset.field` exists only on sinks. */
  readonly connectorType: 'source' | 'sink'
  /** TypeScript step functions, by stable id (dsl `getStepFunctions(pipeline)`). */
  readonly steps: ReadonlyMap<string, StepFunction>
}

/** Builds a transformation from its own keys (`transforms.<alias>.` prefix stripped). */
export type TransformationFactory = (config: ConnectorConfig, context: PluginContext) => Transformation

/** Builds a predicate from its own keys (`predicates.<alias>.` prefix stripped). */
export type PredicateFactory = (config: ConnectorConfig) => Predicate
