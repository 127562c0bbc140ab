import { ConnectError } from './connect-error.js'
import { redactWorkerMessage } from './redact-worker-message.js'
import type { ConnectorDocument, ConnectorStatus, OffsetsBody } from '@pipe/dsl/contract'
import { parseConnectorList, parseStatus, parseOffsets, type ConnectorListing } from './connect-types.js'

export { ConnectError } from './connect-error.js'
export type { ConnectorListing } from './connect-types.js'

/** The I/O a client needs, injectable for tests: fetch and a sleep for the 409 backoff. */
export interface ClientDependencies {
  readonly fetch?: typeof fetch
  readonly sleep?: (ms: number) => Promise<void>
  /** 409 retries (Kafka Connect answers 409 while it rebalances). @default 8 */
  readonly retries?: number
  /** First backoff delay in ms, doubled each retry up to 5 s. @default 250 */
  readonly backoffMs?: number
  /** A bearer token sent on every request (workers with token authentication). */
  readonly token?: string | undefined
}

/** The parts of Kafka Connect's ConfigInfos (PUT /connector-plugins/{class}/config/validate) pipe reads. */
export interface ValidateResult {
  readonly errorCount: number
  /** Per-key errors, in the worker's order; keys without errors are left out. */
  readonly errors: readonly { readonly key: string; readonly messages: readonly string[] }[]
}

export interface RestartOptions {
  readonly includeTasks?: boolean
  readonly onlyFailed?: boolean
}

/** Kafka Connect's REST API, the calls pipe plan/deploy/status/offsets make. Never logs config values. */
export interface KafkaConnectClient {
  readonly url: string
  /** GET /connectors?expand=info&expand=status */
  listConnectors(): Promise<readonly ConnectorListing[]>
  status(name: string): Promise<ConnectorStatus>
  /** PUT /connectors/{name}/config: creates or replaces; true when created. */
  putConfig(name: string, config: Readonly<Record<string, string>>): Promise<boolean>
  /** POST /connectors with `initial_state` (Kafka Connect 3.7+): creates a connector PAUSED, STOPPED or RUNNING. */
  createConnector(document: ConnectorDocument): Promise<void>
  deleteConnector(name: string): Promise<void>
  pause(name: string): Promise<void>
  resume(name: string): Promise<void>
  stop(name: string): Promise<void>
  restart(name: string, options: RestartOptions): Promise<void>
  getOffsets(name: string): Promise<OffsetsBody>
  /** PATCH /connectors/{name}/offsets; resolves to the worker's message. */
  alterOffsets(name: string, body: OffsetsBody): Promise<string>
  /** DELETE /connectors/{name}/offsets; resolves to the worker's message. */
  resetOffsets(name: string): Promise<string>
  /** The connector classes the worker has (GET /connector-plugins). */
  connectorPlugins(): Promise<readonly string[]>
  /** Every plugin the worker lists, SMTs and predicates too, with its version when it has one (GET /connector-plugins?connectorsOnly=false). */
  pluginVersions(): Promise<readonly PluginVersion[]>
  /** Validates a flat connector config against the worker's plugin; nothing is persisted. */
  validate(connectorClass: string, config: Readonly<Record<string, string>>): Promise<ValidateResult>
  /** Keys of type PASSWORD of a connector plugin (GET /connector-plugins/{class}/config); [] when unknown. */
  passwordKeys(connectorClass: string): Promise<readonly string[]>
  /** `GET /metrics` in Prometheus's text format (pipe worker); undefined where there is none (Kafka Connect: JMX only). */
  metrics(): Promise<string | undefined>
}

/**
 * A plugin of the worker: its class, its type (source, sink, transformation, predicate, converter...) and version.
 *
 * @example
 * ```ts
 * const p: PluginVersion = { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.2.0.Final' }
 * ```
 */
export interface PluginVersion {
  readonly class: string
  readonly type: string
  readonly version?: string
}

/**
 * One answer of Kafka Connect: its status and its body (JSON parsed, else the text).
 *
 * @example
 * ```ts
 * const reply: ConnectReply = await transport.send('GET', '/connector-plugins')
 * ```
 */
export interface ConnectReply {
  readonly status: number
  readonly body: unknown
}

type Reply = ConnectReply

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const path = (name: string, rest = ''): string => `/connectors/${encodeURIComponent(name)}${rest}`

/**
 * Whether the worker has a plugin for `connectorClass`. Like Connect, accept the class's full
 * name, its simple name, or the simple name without a `Connector` suffix.
 */
export function hasPlugin(plugins: readonly string[], connectorClass: string): boolean {
  const simple = (name: string): string => name.slice(name.lastIndexOf('.') + 1).replace(/Connector$/, '')
  return plugins.some((plugin) => plugin === connectorClass || simple(plugin) === simple(connectorClass))
}

function parseConfigInfos(body: unknown): ValidateResult {
  if (!isRecord(body) || typeof body['error_count'] !== 'number' || !Array.isArray(body['configs'])) {
    throw new ConnectError('PIPE_CONNECT_BAD_ANSWER', 'Kafka Connect answered the validate request with an unexpected body')
  }
  const errors: { key: string; messages: string[] }[] = []
  for (const entry of body['configs'] as unknown[]) {
    const value = isRecord(entry) ? entry['value'] : undefined
    if (!isRecord(value) || !Array.isArray(value['errors']) || value['errors'].length === 0) continue
    errors.push({ key: String(value['name']), messages: value['errors'].map(String) })
  }
  return { errorCount: body['error_count'], errors }
}

/** The worker's error message on one line (config errors come one per line). */
function workerMessage(body: unknown): string {
  if (isRecord(body) && typeof body['message'] === 'string') return body['message'].split('\n').map((line) => line.trim()).filter((line) => line !== '').join('; ').replaceAll(':; ', ': ')
  return typeof body === 'string' ? body.slice(0, 200) : ''
}

function failure(method: string, route: string, reply: Reply, url: string): ConnectError {
  const message = workerMessage(reply.body)
  if (reply.status === 404) {
    const connector = /^\/connectors\/([^/]+)/.exec(route)?.[1]
    const what = connector === undefined ? route : `connector '${decodeURIComponent(connector)}'`
    return new ConnectError('PIPE_CONNECT_NOT_FOUND', `${what} not found on Kafka Connect at ${url}${message === '' ? '' : ` (${message})`}`, 'run `pipe status --connect URL` to list the connectors', reply.status)
  }
  const hint = reply.status === 401 || reply.status === 403
    ? 'the worker wants credentials: pass --connect http://user:password@host:port, or set PIPE_CONNECT_TOKEN for a bearer token'
    : undefined
  return new ConnectError('PIPE_CONNECT_REQUEST_FAILED', `${method} ${route} answered ${String(reply.status)}: ${message}`, hint, reply.status)
}

/**
 * The URL without credentials (fetch refuses them, and pipe prints the URL) and the Authorization
 * header they stand for: basic for `http://user:password@host`, else bearer for a token.
 */
export function splitCredentials(url: string, token?: string): { base: string; authorization?: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConnectError('PIPE_CONNECT_UNREACHABLE', `'${url}' is not a URL`, 'pass --connect http://host:8083')
  }
  const user = decodeURIComponent(parsed.username)
  const password = decodeURIComponent(parsed.password)
  parsed.username = ''
  parsed.password = ''
  const base = parsed.href.replace(/\/+$/, '')
  if (user !== '' || password !== '') return { base, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
  return token === undefined || token === '' ? { base } : { base, authorization: `Bearer ${token}` }
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * Requests to one Kafka Connect REST API, with the client's credentials, timeout and 409 backoff.
 *
 * @example
 * ```ts
 * const { call } = createConnectTransport('http://127.0.0.1:8083')
 * const plugins = (await call('GET', '/connector-plugins')).body
 * ```
 */
export interface ConnectTransport {
  /** The URL without credentials. */
  readonly base: string
  /** One request, whatever its status. */
  readonly send: (method: string, route: string, body?: unknown) => Promise<Reply>
  /** A request that must succeed: 409 retried with backoff, other errors thrown as ConnectError. */
  readonly call: (method: string, route: string, body?: unknown) => Promise<Reply>
}

/**
 * The transport under {@link createKafkaConnectClient}: an unreachable URL is PIPE_CONNECT_UNREACHABLE,
 * a failed `call` a ConnectError that names the route and the worker's message.
 *
 * @example
 * ```ts
 * const reply = await createConnectTransport(url, { token }).send('GET', '/connector-plugins?connectorsOnly=false')
 * ```
 */
export function createConnectTransport(url: string, deps: ClientDependencies = {}): ConnectTransport {
  const { base, authorization } = splitCredentials(url, deps.token)
  const doFetch = deps.fetch ?? fetch
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const retries = deps.retries ?? 8
  const firstDelay = deps.backoffMs ?? 250
  async function send(method: string, route: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) }
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(95_000) }
    if (body !== undefined) init.body = JSON.stringify(body)
    try {
      const response = await doFetch(`${base}${route}`, init)
      return { status: response.status, body: await parseBody(response) }
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
      throw new ConnectError('PIPE_CONNECT_UNREACHABLE', `cannot reach Kafka Connect at ${base}: ${cause}; start a worker or pass --connect`, 'start a Kafka Connect worker (pnpm infra up connect), or pass --connect URL or set PIPE_CONNECT_URL')
    }
  }
  async function call(method: string, route: string, body?: unknown): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      const reply = await send(method, route, body)
      if (reply.status >= 200 && reply.status < 300) return reply
      if (reply.status !== 409 || attempt >= retries) throw failure(method, route, reply, base)
      await sleep(Math.min(firstDelay * 2 ** attempt, 5_000))
    }
  }
  return { base, send, call }
}

/**
 * A typed client of one Kafka Connect REST API. Retries 409 (rebalance) with exponential backoff;
 * an unreachable URL is a PIPE_CONNECT_UNREACHABLE error that says how to fix it.
 */
export function createKafkaConnectClient(url: string, deps: ClientDependencies = {}): KafkaConnectClient {
  const { base, send, call } = createConnectTransport(url, deps)
  const read = async (method: string, route: string, body?: unknown): Promise<unknown> => (await call(method, route, body)).body
  const message = async (method: string, route: string, body?: unknown): Promise<string> => workerMessage(await read(method, route, body))
  return {
    url: base,
    listConnectors: async () => parseConnectorList(await read('GET', '/connectors?expand=info&expand=status')),
    status: async (name) => parseStatus(await read('GET', path(name, '/status'))),
    async putConfig(name, config) {
      try {
        return (await call('PUT', path(name, '/config'), config)).status === 201
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error
        throw new ConnectError(error.code, redactWorkerMessage(error.message, config), error.hint, error.status)
      }
    },
    async createConnector(document) {
      try {
        await call('POST', '/connectors', document)
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error
        throw new ConnectError(error.code, redactWorkerMessage(error.message, document.config), error.hint, error.status)
      }
    },
    deleteConnector: async (name) => { await call('DELETE', path(name)) },
    pause: async (name) => { await call('PUT', path(name, '/pause')) },
    resume: async (name) => { await call('PUT', path(name, '/resume')) },
    stop: async (name) => { await call('PUT', path(name, '/stop')) },
    async restart(name, options) {
      const query = `?includeTasks=${String(options.includeTasks === true)}&onlyFailed=${String(options.onlyFailed === true)}`
      await call('POST', path(name, `/restart${query}`))
    },
    getOffsets: async (name) => parseOffsets(await read('GET', path(name, '/offsets'))),
    alterOffsets: (name, body) => message('PATCH', path(name, '/offsets'), body),
    resetOffsets: (name) => message('DELETE', path(name, '/offsets')),
    async connectorPlugins() {
      const body = await read('GET', '/connector-plugins?connectorsOnly=true')
      if (!Array.isArray(body)) throw new ConnectError('PIPE_CONNECT_BAD_ANSWER', 'Kafka Connect answered GET /connector-plugins with an unexpected body')
      return body.flatMap((plugin: unknown) => (isRecord(plugin) && typeof plugin['class'] === 'string' ? [plugin['class']] : []))
    },
    async pluginVersions() {
      const body = await read('GET', '/connector-plugins?connectorsOnly=false')
      if (!Array.isArray(body)) throw new ConnectError('PIPE_CONNECT_BAD_ANSWER', 'Kafka Connect answered GET /connector-plugins?connectorsOnly=false with an unexpected body')
      return body.flatMap((plugin: unknown): PluginVersion[] => {
        if (!isRecord(plugin) || typeof plugin['class'] !== 'string' || typeof plugin['type'] !== 'string') return []
        const version = plugin['version']
        return [{ class: plugin['class'], type: plugin['type'], ...(typeof version === 'string' && version !== '' ? { version } : {}) }]
      })
    },
    validate: async (connectorClass, config) =>
      parseConfigInfos(await read('PUT', `/connector-plugins/${encodeURIComponent(connectorClass)}/config/validate`, config)),
    async metrics() {
      const reply = await send('GET', '/metrics')
      return reply.status === 200 && typeof reply.body === 'string' ? reply.body : undefined
    },
    async passwordKeys(connectorClass) {
      const reply = await send('GET', `/connector-plugins/${encodeURIComponent(connectorClass)}/config`)
      if (reply.status !== 200 || !Array.isArray(reply.body)) return []
      return reply.body.flatMap((key: unknown) => (isRecord(key) && key['type'] === 'PASSWORD' && typeof key['name'] === 'string' ? [key['name']] : []))
    },
  }
}
