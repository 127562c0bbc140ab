import { PipeError } from '../errors.js'
import type { ConnectorDocument } from '../contract/connector-document.js'
import type { Diagnostic } from '../diagnostics.js'

/**
 * The compiled artifact schema version.
 *
 * @example
 * ```ts
 * const artifact = { schemaVersion: ARTIFACT_SCHEMA_VERSION, connectors }
 * ```
 */
export const ARTIFACT_SCHEMA_VERSION = 1

/**
 * Compile targets: Apache Kafka Connect (default) or pipe's own worker.
 *
 * @example
 * ```ts
 * compilePipeline(ir, { target: 'pipe' })
 * ```
 */
export type CompileTarget = 'kafka-connect' | 'pipe'

/**
 * A topic the pipeline declares, for the deploy planner (Kafka topic configs as strings).
 *
 * @example
 * ```ts
 * const t: TopicSpec = { name: 'orders', partitions: 3, config: { 'cleanup.policy': 'delete' } }
 * ```
 */
export interface TopicSpec {
  readonly name: string
  readonly partitions?: number
  readonly replicationFactor?: number
  readonly config: Readonly<Record<string, string>>
}

/**
 * What {@link compilePipeline} returns.
 *
 * @example
 * ```ts
 * const { connectors, topics, diagnostics }: CompileResult = compilePipeline(ir)
 * ```
 */
export interface CompileResult {
  readonly connectors: readonly ConnectorDocument[]
  readonly topics: readonly TopicSpec[]
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Sorts an object's keys (compiled configs are written with sorted keys).
 *
 * @example
 * ```ts
 * sortKeys({ b: '1', a: '2' }) // { a: '2', b: '1' }
 * ```
 */
export function sortKeys(record: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
}

/**
 * Checks that an unknown value (a `<connector>.json` written by `pipe compile`) is a connector config:
 * `{ name: string, config: Record<string, string> }` with `config.name` equal to `name` when present.
 * Throws a PipeError `PIPE_INVALID_IR` saying what is wrong.
 *
 * @example
 * ```ts
 * const body = parseConnectorConfig(JSON.parse(await readFile('build/connect/tweets-sink.json', 'utf8')))
 * ```
 */
export function parseConnectorConfig(value: unknown): ConnectorDocument {
  const fail = (message: string): never => {
    throw new PipeError({ code: 'PIPE_INVALID_IR', message, hint: 'recompile with pipe compile' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('a connector config must be a JSON object')
  const { name, config } = value as Record<string, unknown>
  if (typeof name !== 'string' || name === '') return fail("a connector config needs a non-empty 'name'")
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return fail(`connector '${name}' needs a 'config' object`)
  const entries = Object.entries(config)
  const bad = entries.find(([, v]) => typeof v !== 'string')
  if (bad !== undefined) return fail(`config key '${bad[0]}' of connector '${name}' must be a string`)
  const strings = Object.fromEntries(entries) as Record<string, string>
  if (strings['name'] !== undefined && strings['name'] !== name) return fail(`config.name '${strings['name']}' differs from name '${name}'`)
  return { name, config: sortKeys(strings) }
}
