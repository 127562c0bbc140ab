import { ConnectError } from '../deploy/connect-error.js'
import type { ConnectReply, ConnectTransport } from '../deploy/kafka-connect-client.js'
import { parseConfigKeys, parsePluginList, validateFindings, type KeyFindings } from './parse-plugin-answers.js'
import type { PluginKey, PluginListing, PulledPlugin, PulledType } from './plugin-info.js'

const PLUGINS_ROUTE = '/connector-plugins?connectorsOnly=false'
const CONFIG_TYPES_WITH_VALUES = new Set(['STRING'])

/** How many plugins are read at once. */
const PARALLEL = 8

const notConnect = (base: string, what: string): ConnectError => new ConnectError(
  'PIPE_CONNECT_NOT_CONNECT',
  `${base} is not a Kafka Connect REST API: GET ${PLUGINS_ROUTE} ${what}`,
  'pass --connect the URL of a Kafka Connect worker (its REST listener, e.g. http://127.0.0.1:8083)',
)

/** What the body of a non-JSON answer looks like, in a few words (never the page itself). */
function describeBody(reply: ConnectReply): string {
  if (typeof reply.body === 'string') return /^\s*</.test(reply.body) ? 'an HTML or XML page' : 'text that is not JSON'
  if (reply.body === undefined) return 'an empty body'
  return Array.isArray(reply.body) ? 'a JSON list that is not a list of plugins' : 'JSON that is not a list of plugins'
}

function refused(base: string, route: string, reply: ConnectReply): ConnectError {
  if (reply.status === 401 || reply.status === 403) {
    return new ConnectError('PIPE_CONNECT_REQUEST_FAILED', `GET ${route} on ${base} answered ${String(reply.status)}`, 'the worker wants credentials: pass --connect http://user:password@host:port, or set PIPE_CONNECT_TOKEN for a bearer token', reply.status)
  }
  const message = typeof reply.body === 'object' && reply.body !== null && typeof (reply.body as Record<string, unknown>)['message'] === 'string'
    ? `: ${String((reply.body as Record<string, unknown>)['message']).split('\n')[0] ?? ''}`
    : ''
  return new ConnectError('PIPE_CONNECT_REQUEST_FAILED', `GET ${route} on ${base} answered ${String(reply.status)}${message}`, 'check the worker log; the plugin may fail to load', reply.status)
}

/**
 * Every plugin the worker lists (`GET /connector-plugins?connectorsOnly=false`), sorted by class. A URL
 * that answers but is not Kafka Connect (404, an HTML page, other JSON) is PIPE_CONNECT_NOT_CONNECT.
 *
 * @example
 * ```ts
 * const plugins = await listPlugins(createConnectTransport('http://127.0.0.1:8083'))
 * ```
 */
export async function listPlugins(transport: ConnectTransport): Promise<PluginListing[]> {
  const reply = await transport.send('GET', PLUGINS_ROUTE)
  if (reply.status === 401 || reply.status === 403) throw refused(transport.base, PLUGINS_ROUTE, reply)
  if (reply.status < 200 || reply.status >= 300) throw notConnect(transport.base, `answered ${String(reply.status)}`)
  const plugins = parsePluginList(reply.body)
  if (plugins === undefined) throw notConnect(transport.base, `answered ${describeBody(reply)}`)
  return plugins.sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : 0))
}

/** Compares two plugin versions by their numeric parts (`3.6.0.Final` < `3.6.1.Final` < `3.10.0`). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => (v.match(/\d+/g) ?? []).map(Number)
  const [pa, pb] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * One entry per class and type, the newest version: Kafka Connect 4.1 (KIP-891) lists every installed
 * version of a plugin, and answers `GET /connector-plugins/{class}/config` for the newest.
 *
 * @example
 * ```ts
 * newestVersions([{ class: 'a.B', type: 'transformation', version: '3.6.1' }, { class: 'a.B', type: 'transformation', version: '3.6.0' }])
 * // [{ class: 'a.B', type: 'transformation', version: '3.6.1' }]
 * ```
 */
export function newestVersions(plugins: readonly PluginListing[]): PluginListing[] {
  const kept = new Map<string, PluginListing>()
  for (const plugin of plugins) {
    const key = `${plugin.type} ${plugin.class}`
    const seen = kept.get(key)
    if (seen === undefined || compareVersions(plugin.version ?? '', seen.version ?? '') > 0) kept.set(key, plugin)
  }
  return [...kept.values()]
}

/**
 * A config that a validate request needs to read a plugin's recommended values: the connector itself,
 * or a host connector carrying the SMT (`transforms=t`) or predicate (`predicates=p`).
 */
function validateRequest(plugin: PluginListing & { readonly type: PulledType }, host: string): { readonly connector: string; readonly config: Record<string, string>; readonly prefix: string } {
  if (plugin.type === 'source' || plugin.type === 'sink') return { connector: plugin.class, config: { 'connector.class': plugin.class }, prefix: '' }
  if (plugin.type === 'transformation') return { connector: host, config: { 'connector.class': host, transforms: 't', 'transforms.t.type': plugin.class }, prefix: 'transforms.t.' }
  return { connector: host, config: { 'connector.class': host, predicates: 'p', 'predicates.p.type': plugin.class }, prefix: 'predicates.p.' }
}

/**
 * The connector that carries SMTs and predicates in validate requests: FileStreamSinkConnector when the
 * worker has it (it checks nothing), else the first sink, else the first source.
 *
 * @example
 * ```ts
 * hostConnector([{ class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink' }]) // 'org.apache.kafka.connect.file.FileStreamSinkConnector'
 * ```
 */
export function hostConnector(plugins: readonly PluginListing[]): string | undefined {
  return plugins.find((plugin) => plugin.class.endsWith('.FileStreamSinkConnector'))?.class
    ?? plugins.find((plugin) => plugin.type === 'sink')?.class
    ?? plugins.find((plugin) => plugin.type === 'source')?.class
}

/**
 * Reads one plugin: its ConfigDef (`GET /connector-plugins/{class}/config`, the plugin's own keys,
 * none of the framework's) and what the worker says of an empty config (`PUT .../config/validate`):
 * the keys it asks a value for are required, and a STRING key gets the closed set the worker
 * recommends or its validator names. Keys sorted by name.
 *
 * @example
 * ```ts
 * const plugin = await readPlugin(transport, { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation' }, host)
 * ```
 */
export async function readPlugin(transport: ConnectTransport, plugin: PluginListing & { readonly type: PulledType }, host: string | undefined): Promise<PulledPlugin> {
  const route = `/connector-plugins/${encodeURIComponent(plugin.class)}/config`
  const reply = await transport.send('GET', route)
  if (reply.status < 200 || reply.status >= 300) throw refused(transport.base, route, reply)
  const keys = parseConfigKeys(reply.body)
  if (keys === undefined) throw new ConnectError('PIPE_CONNECT_BAD_ANSWER', `GET ${route} on ${transport.base} answered ${describeBody(reply)}, not a list of config keys`, 'pass --connect the URL of a Kafka Connect worker (3.2 or later)')
  let findings = new Map<string, KeyFindings>()
  const request = validateRequest(plugin, host ?? plugin.class)
  if (keys.length > 0 && (host !== undefined || plugin.type === 'source' || plugin.type === 'sink')) {
    const answer = await transport.send('PUT', `/connector-plugins/${encodeURIComponent(request.connector)}/config/validate`, request.config)
    // a worker that cannot validate (an error status) still gives the ConfigDef: nothing more is learnt then
    if (answer.status >= 200 && answer.status < 300) findings = validateFindings(answer.body, request.prefix)
  }
  const pulled: PluginKey[] = keys
    .map((key) => {
      const found = findings.get(key.name)
      // a closed set: the worker's recommendation, else the values a ValidString names (STRING keys only)
      const recommended = !CONFIG_TYPES_WITH_VALUES.has(key.type) || found === undefined ? [] : found.recommended.length > 0 ? found.recommended : found.oneOf
      return { ...key, required: key.required || found?.required === true, recommended }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  // a ConfigDef lists a key once; a plugin that lists one twice keeps the first
  const unique = pulled.filter((key, index) => index === 0 || pulled[index - 1]?.name !== key.name)
  return { class: plugin.class, type: plugin.type, ...(plugin.version === undefined ? {} : { version: plugin.version }), keys: unique }
}

/**
 * Reads the given plugins, a few at a time, in their order; `onRead` is called as each one is read.
 *
 * @example
 * ```ts
 * const pulled = await readPlugins(transport, selected, host, (plugin, done) => io.err(`${done}/${selected.length} ${plugin.class}\n`))
 * ```
 */
export async function readPlugins(
  transport: ConnectTransport,
  plugins: readonly (PluginListing & { readonly type: PulledType })[],
  host: string | undefined,
  onRead: (plugin: PulledPlugin, done: number) => void = () => undefined,
): Promise<PulledPlugin[]> {
  const results: PulledPlugin[] = new Array<PulledPlugin>(plugins.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < plugins.length) {
      const index = next++
      const plugin = plugins[index]
      if (plugin === undefined) continue
      const pulled = await readPlugin(transport, plugin, host)
      results[index] = pulled
      onRead(pulled, ++done)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, plugins.length) }, worker))
  return results
}
