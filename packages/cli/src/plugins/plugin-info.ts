/** The kinds of plugin `pipe plugins pull` writes modules for (converters are left out). */
export const PULLED_TYPES = ['source', 'sink', 'transformation', 'predicate'] as const

/**
 * A plugin type pull writes a module for.
 *
 * @example
 * ```ts
 * const type: PulledType = 'transformation'
 * ```
 */
export type PulledType = (typeof PULLED_TYPES)[number]

/**
 * One entry of `GET /connector-plugins?connectorsOnly=false`; `version` is absent when the plugin has none.
 *
 * @example
 * ```ts
 * const p: PluginListing = { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.2.0.Final' }
 * ```
 */
export interface PluginListing {
  readonly class: string
  /** Kafka Connect's type: source, sink, transformation, predicate, converter, header_converter. */
  readonly type: string
  readonly version?: string
}

/**
 * Kafka Connect's ConfigDef types, as `GET /connector-plugins/{class}/config` names them.
 *
 * @example
 * ```ts
 * const t: ConfigType = 'PASSWORD'
 * ```
 */
export type ConfigType = 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'CLASS' | 'PASSWORD'

/**
 * One key of a plugin's ConfigDef (Kafka Connect's ConfigKeyInfo, the parts pull reads) with the
 * values the worker recommends for it (`[]` when it recommends none).
 *
 * @example
 * ```ts
 * const k: PluginKey = { name: 'database.port', type: 'INT', required: false, defaultValue: '5432', documentation: 'Port.', recommended: [] }
 * ```
 */
export interface PluginKey {
  readonly name: string
  readonly type: ConfigType
  /** True when the key has no default (ConfigDef.NO_DEFAULT_VALUE). */
  readonly required: boolean
  /** The default as the worker prints it (a string), or null. */
  readonly defaultValue: string | null
  readonly documentation: string
  /** Sorted; values the worker recommends for an empty config. */
  readonly recommended: readonly string[]
}

/**
 * A plugin as pull writes it: its class, type, version and ConfigDef keys sorted by name.
 *
 * @example
 * ```ts
 * const p: PulledPlugin = { class: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone', type: 'predicate', version: '3.9.1', keys: [] }
 * ```
 */
export interface PulledPlugin {
  readonly class: string
  readonly type: PulledType
  readonly version?: string
  readonly keys: readonly PluginKey[]
}

/**
 * Whether a listed plugin is one pull writes a module for.
 *
 * @example
 * ```ts
 * isPulledType('converter') // false
 * ```
 */
export function isPulledType(type: string): type is PulledType {
  return (PULLED_TYPES as readonly string[]).includes(type)
}
