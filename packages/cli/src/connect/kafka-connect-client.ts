/** The parts of Kafka Connect's ConfigInfos (PUT /connector-plugins/{class}/config/validate) pipe reads. */
export interface ValidateResult {
  readonly errorCount: number
  /** Per-key errors, in the worker's order; keys without errors are left out. */
  readonly errors: readonly { readonly key: string; readonly messages: readonly string[] }[]
}

export class ConnectRequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message)
    this.name = 'ConnectRequestError'
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

async function request(url: string, init: RequestInit): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' }, signal: AbortSignal.timeout(95_000) })
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
    throw new ConnectRequestError(`cannot reach the Kafka Connect worker at ${new URL(url).origin} (${cause})`)
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = text
  }
  if (!response.ok) {
    const message = isRecord(body) && typeof body['message'] === 'string' ? body['message'] : text.slice(0, 200)
    throw new ConnectRequestError(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${String(response.status)}: ${message}`, response.status)
  }
  return body
}

function parseConfigInfos(body: unknown): ValidateResult {
  if (!isRecord(body) || typeof body['error_count'] !== 'number' || !Array.isArray(body['configs'])) {
    throw new ConnectRequestError('the worker answered the validate request with an unexpected body')
  }
  const errors: { key: string; messages: string[] }[] = []
  for (const entry of body['configs'] as unknown[]) {
    const value = isRecord(entry) ? entry['value'] : undefined
    if (!isRecord(value) || !Array.isArray(value['errors']) || value['errors'].length === 0) continue
    errors.push({ key: String(value['name']), messages: value['errors'].map(String) })
  }
  return { errorCount: body['error_count'], errors }
}

/** A minimal client of the Kafka Connect REST API: the two calls `pipe check --connect` makes. */
export interface KafkaConnectClient {
  /** The connector classes the worker has (GET /connector-plugins). */
  connectorPlugins(): Promise<readonly string[]>
  /** Validates a flat connector config against the worker's plugin; nothing is persisted. */
  validate(connectorClass: string, config: Readonly<Record<string, string>>): Promise<ValidateResult>
}

export function createKafkaConnectClient(baseUrl: string): KafkaConnectClient {
  const base = baseUrl.replace(/\/+$/, '')
  return {
    async connectorPlugins() {
      const body = await request(`${base}/connector-plugins?connectorsOnly=true`, { method: 'GET' })
      if (!Array.isArray(body)) throw new ConnectRequestError('the worker answered GET /connector-plugins with an unexpected body')
      return body.flatMap((plugin: unknown) => (isRecord(plugin) && typeof plugin['class'] === 'string' ? [plugin['class']] : []))
    },
    async validate(connectorClass, config) {
      const url = `${base}/connector-plugins/${encodeURIComponent(connectorClass)}/config/validate`
      return parseConfigInfos(await request(url, { method: 'PUT', body: JSON.stringify(config) }))
    },
  }
}

/**
 * Whether the worker has a plugin for `connectorClass`. Like Connect, accept the class's full
 * name, its simple name, or the simple name without a `Connector` suffix.
 */
export function hasPlugin(plugins: readonly string[], connectorClass: string): boolean {
  const simple = (name: string): string => name.slice(name.lastIndexOf('.') + 1).replace(/Connector$/, '')
  return plugins.some((plugin) => plugin === connectorClass || simple(plugin) === simple(connectorClass))
}
