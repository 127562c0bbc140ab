import type { ConfigType, PluginListing } from './plugin-info.js'

const CONFIG_TYPES: ReadonlySet<string> = new Set(['STRING', 'INT', 'SHORT', 'LONG', 'DOUBLE', 'BOOLEAN', 'LIST', 'CLASS', 'PASSWORD'])

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * One ConfigKeyInfo without its recommended values (those come from validate).
 *
 * @example
 * ```ts
 * const k: ConfigKeyAnswer = { name: 'file', type: 'STRING', required: false, defaultValue: null, documentation: 'Source filename.' }
 * ```
 */
export interface ConfigKeyAnswer {
  readonly name: string
  readonly type: ConfigType
  readonly required: boolean
  readonly defaultValue: string | null
  readonly documentation: string
}

/**
 * Parses `GET /connector-plugins?connectorsOnly=false`; undefined when the body is not Kafka Connect's
 * (an HTML page, another API's JSON), so the caller can say the URL is not a Kafka Connect worker.
 *
 * @example
 * ```ts
 * parsePluginList([{ class: 'a.B', type: 'sink', version: '1' }]) // [{ class: 'a.B', type: 'sink', version: '1' }]
 * parsePluginList('<html>') // undefined
 * ```
 */
export function parsePluginList(body: unknown): PluginListing[] | undefined {
  if (!Array.isArray(body)) return undefined
  const plugins: PluginListing[] = []
  for (const entry of body as unknown[]) {
    if (!isRecord(entry) || typeof entry['class'] !== 'string' || typeof entry['type'] !== 'string') return undefined
    const version = entry['version']
    plugins.push({ class: entry['class'], type: entry['type'], ...(typeof version === 'string' && version !== '' ? { version } : {}) })
  }
  return plugins
}

/**
 * Parses `GET /connector-plugins/{class}/config` (a list of ConfigKeyInfo); undefined when the body has
 * another shape. A type pull does not know (a newer Kafka) is read as STRING.
 *
 * @example
 * ```ts
 * parseConfigKeys([{ name: 'file', type: 'STRING', required: false, default_value: null, documentation: 'x' }])
 * ```
 */
export function parseConfigKeys(body: unknown): ConfigKeyAnswer[] | undefined {
  if (!Array.isArray(body)) return undefined
  const keys: ConfigKeyAnswer[] = []
  for (const entry of body as unknown[]) {
    if (!isRecord(entry) || typeof entry['name'] !== 'string' || typeof entry['type'] !== 'string') return undefined
    const fallback = entry['default_value']
    keys.push({
      name: entry['name'],
      type: (CONFIG_TYPES.has(entry['type']) ? entry['type'] : 'STRING') as ConfigType,
      required: entry['required'] === true,
      defaultValue: typeof fallback === 'string' ? fallback : null,
      documentation: typeof entry['documentation'] === 'string' ? entry['documentation'] : '',
    })
  }
  return keys
}

/**
 * The recommended values of a validate answer (ConfigInfos), by key with `prefix` removed, sorted and
 * without duplicates; keys outside the prefix or without recommended values are left out.
 *
 * @example
 * ```ts
 * recommendedValues({ configs: [{ value: { name: 'transforms.t.mode', recommended_values: ['b', 'a'] } }] }, 'transforms.t.')
 * // Map { 'mode' => ['a', 'b'] }
 * ```
 */
export function recommendedValues(body: unknown, prefix = ''): Map<string, string[]> {
  return new Map([...validateFindings(body, prefix)].filter(([, found]) => found.recommended.length > 0).map(([key, found]) => [key, [...found.recommended]]))
}

/**
 * What a validate answer (ConfigInfos) for an otherwise empty config says about each key, by key with
 * `prefix` removed: the values the worker recommends (sorted, without duplicates), whether it asks for a
 * value (`A value is required`, `Missing required configuration`: Debezium marks such keys required
 * through validators, which the ConfigDef endpoint reports as optional), and the closed set a
 * `ValidString` validator names in its error (`String must be one of: a, b`; case-insensitive sets are
 * left open). Keys outside the prefix are left out.
 *
 * @example
 * ```ts
 * validateFindings({ configs: [{ value: { name: 'transforms.t.target.type', recommended_values: [], errors: ['Invalid value null for configuration target.type: String must be one of: unix, Date'] } }] }, 'transforms.t.')
 * // Map { 'target.type' => { recommended: [], required: false, oneOf: ['Date', 'unix'] } }
 * ```
 */
export function validateFindings(body: unknown, prefix = ''): Map<string, KeyFindings> {
  const found = new Map<string, KeyFindings>()
  const configs = isRecord(body) && Array.isArray(body['configs']) ? (body['configs'] as unknown[]) : []
  for (const entry of configs) {
    const value = isRecord(entry) ? entry['value'] : undefined
    if (!isRecord(value) || typeof value['name'] !== 'string' || !value['name'].startsWith(prefix)) continue
    const recommended = Array.isArray(value['recommended_values']) ? [...new Set((value['recommended_values'] as unknown[]).map(String))].sort() : []
    const errors = Array.isArray(value['errors']) ? (value['errors'] as unknown[]).filter((e): e is string => typeof e === 'string') : []
    const required = errors.some((e) => /A value is required|Missing required configuration/.test(e))
    const oneOf = errors.map((e) => /String must be one of: (.+)$/.exec(e)?.[1]).find((list) => list !== undefined)
    found.set(value['name'].slice(prefix.length), {
      recommended,
      required,
      oneOf: oneOf === undefined ? [] : [...new Set(oneOf.split(',').map((v) => v.trim()).filter((v) => v !== ''))].sort(),
    })
  }
  return found
}

/**
 * What {@link validateFindings} learns of one key.
 *
 * @example
 * ```ts
 * const f: KeyFindings = { recommended: ['pgoutput'], required: false, oneOf: [] }
 * ```
 */
export interface KeyFindings {
  readonly recommended: readonly string[]
  readonly required: boolean
  readonly oneOf: readonly string[]
}
