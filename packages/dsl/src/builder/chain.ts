import type { SourceLocation } from '../diagnostics.js'
import type { JsonObject } from '../ir/json.js'
import type { ConnectorSettings, TopicOptions } from '../ir/nodes.js'
import type { ConnectorDefinition } from '../connectors/define-connector.js'
import type { PluginStepIR, PortableStepIR, PredicateIR } from '../ir/steps.js'

/**
 * A TypeScript step function as the runtime calls it with a record value: `map` returns the new
 * value, `filter` a boolean (keep when truthy), `flat-map` an iterable of values.
 *
 * @example
 * ```ts
 * const fn: StepFunction | undefined = getStepFunctions(p, { defaultName: 'p' }).get('p/map#0')
 * ```
 */
export type StepFunction = (value: unknown) => unknown

/** A TypeScript step before it gets its stable id. */
export interface CodeStep {
  readonly type: 'code'
  readonly op: 'map' | 'filter' | 'flat-map'
  readonly fn: StepFunction
}


/**
 * A builder's node: like the IR node but without id, and holding step functions. Object identity
 * matters: forks share their upstream nodes, and `toPipelineIR` dedupes by identity.
 */
export type ChainNode =
  | {
      readonly kind: 'source' | 'sink'
      readonly connector: string
      /** The definition the connector was made with (undefined: a ref from a copy of `@pipe/dsl` without it). */
      readonly definition: ConnectorDefinition | undefined
      readonly options: JsonObject
      readonly settings: ConnectorSettings
      readonly loc: SourceLocation | undefined
    }
  | { readonly kind: 'topic'; readonly topic: string; readonly options: TopicOptions; readonly loc: SourceLocation | undefined }
  | {
      readonly kind: 'transform'
      readonly step: PortableStepIR | PluginStepIR | CodeStep
      readonly predicate: { readonly test: PredicateIR; readonly negate: boolean } | undefined
      readonly loc: SourceLocation | undefined
      /** The Kafka Connect alias given with `.as()`: `transforms.<alias>.*`. */
      readonly alias?: string
      /** The alias of its predicate given with `.as(alias, { predicate })`: `predicates.<alias>.*`. */
      readonly predicateAlias?: string
    }

/** A path of nodes from a root (source or topic) to a tip. */
export type Chain = readonly ChainNode[]

/** What a pipeline is made of: its branches, its explicit name and the engine it is meant for. */
export interface PipelineState {
  readonly branches: readonly Chain[]
  readonly name: string | undefined
  /** The engine the pipeline is meant for (`.target()`); unset: either. */
  readonly target?: 'kafka-connect' | 'pipe' | undefined
}

/** Brand of pipelines, shared across copies of this package. */
export const PIPELINE: unique symbol = Symbol.for('@pipe/dsl/Pipeline')
