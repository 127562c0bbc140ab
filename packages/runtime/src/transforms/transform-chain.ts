import type { ConnectRecord } from '../records/connect-record.js'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { PluginContext, Predicate, Transformation } from '../tasks/transformation.js'
import { ConfigException, booleanOf, listOf } from './smt-support.js'
import { setOwn } from '../records/own-property.js'

/** One configured step of a chain: its alias, class, and optional predicate. */
export interface ChainStep {
  readonly alias: string
  readonly className: string
  readonly transformation: Transformation
  readonly predicate?: Predicate
  readonly negate: boolean
}

/** What a failing step reports (for the error policy and dead-letter headers). */
export class TransformError extends Error {
  override readonly name: string = 'TransformError'
  constructor(readonly className: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
  }
}

function withPrefix(config: ConnectorConfig, prefix: string): ConnectorConfig {
  const own: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) if (k.startsWith(prefix)) setOwn(own, k.slice(prefix.length), v)
  return own
}

function predicateOf(config: ConnectorConfig, registry: ConnectorRegistry, alias: string): Predicate {
  const type = config[`predicates.${alias}.type`]
  const factory = type === undefined ? undefined : registry.predicate(type)
  if (factory === undefined) throw new ConfigException(`unknown predicate '${alias}' (type '${type ?? ''}'): declare predicates.${alias}.type with a predicate class`)
  return factory(withPrefix(config, `predicates.${alias}.`))
}

/** Builds a connector's `transforms` chain from its config (Kafka Connect's `transforms.*` and `predicates.*`). */
export function buildTransformChain(config: ConnectorConfig, registry: ConnectorRegistry, context: PluginContext): readonly ChainStep[] {
  const aliases = listOf(config, 'transforms')
  if (new Set(aliases).size !== aliases.length) throw new ConfigException(`Duplicate alias provided in transforms: ${aliases.join(',')}`)
  return aliases.map((alias) => {
    const own = withPrefix(config, `transforms.${alias}.`)
    const className = own['type'] ?? ''
    const factory = registry.transform(className)
    if (factory === undefined) throw new ConfigException(`unknown transform class '${className}' for transforms.${alias}.type`)
    const predicateAlias = own['predicate']
    const negate = booleanOf(own, 'negate', false)
    if (predicateAlias === undefined && own['negate'] !== undefined) throw new ConfigException(`transforms.${alias}.negate requires transforms.${alias}.predicate`)
    const step = { alias, className, transformation: factory(own, context), negate }
    return predicateAlias === undefined ? step : { ...step, predicate: predicateOf(config, registry, predicateAlias) }
  })
}

function applyStep<R extends ConnectRecord>(step: ChainStep, record: R): readonly R[] {
  if (step.predicate !== undefined && step.predicate.test(record) === step.negate) return [record]
  try {
    if (step.transformation.applyAll !== undefined) return step.transformation.applyAll(record)
    const out = step.transformation.apply(record)
    return out === null ? [] : [out]
  } catch (error) {
    throw new TransformError(step.className, error)
  }
}

/** Runs a record through the chain: zero, one or (with flat-map) several records come out. */
export function applyChain<R extends ConnectRecord>(chain: readonly ChainStep[], record: R): readonly R[] {
  let records: readonly R[] = [record]
  for (const step of chain) {
    records = records.length === 1 && records[0] !== undefined ? applyStep(step, records[0]) : records.flatMap((r) => applyStep(step, r))
    if (records.length === 0) return records
  }
  return records
}
