/** The worker's REST API and /metrics, as the console reads them: the only data the console has. */
import { connectorFigures, type ConnectorFigures } from '../../src/metrics/connector-figures.js'

export type { ConnectorFigures }

export interface TaskState {
  readonly id: number
  readonly state: string
  readonly worker_id: string
  readonly trace?: string
}

export interface ConnectorView {
  readonly name: string
  readonly type: string
  readonly state: string
  readonly trace: string | undefined
  readonly config: Readonly<Record<string, string>>
  readonly tasks: readonly TaskState[]
}

/** A request the worker refused for want of credentials. */
export class Unauthorized extends Error {}

const TOKEN_KEY = 'pipe-console-token'

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

export function setToken(value: string | null): void {
  if (value === null) sessionStorage.removeItem(TOKEN_KEY)
  else sessionStorage.setItem(TOKEN_KEY, value)
}

/** A call to the worker (same origin), with the bearer token once the user gave one. */
export async function call(method: string, path: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const t = token()
  if (t !== null) headers['authorization'] = `Bearer ${t}`
  const response = await fetch(path, { method, headers })
  if (response.status === 401) throw new Unauthorized('the worker asks for a token')
  return response
}

async function json<T>(path: string): Promise<T> {
  const response = await call('GET', path)
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${String(response.status)}`)
  return await response.json() as T
}

interface Expanded {
  readonly status: { readonly connector: { readonly state: string; readonly trace?: string }; readonly tasks: readonly TaskState[]; readonly type: string }
  readonly info: { readonly config: Readonly<Record<string, string>>; readonly type: string }
}

/** Every connector with its status and config (`GET /connectors?expand=status&expand=info`). */
export async function connectors(): Promise<ConnectorView[]> {
  const all = await json<Record<string, Expanded>>('../connectors?expand=status&expand=info')
  return Object.entries(all).map(([name, c]) => ({
    name, type: c.info.type, state: c.status.connector.state, trace: c.status.connector.trace, config: c.info.config, tasks: c.status.tasks,
  })).sort((a, b) => a.name.localeCompare(b.name))
}

export async function offsets(name: string): Promise<unknown> {
  return json(`../connectors/${encodeURIComponent(name)}/offsets`)
}

/** The figures the console shows, from `GET /metrics` (Kafka Connect's metric names). */
export async function figures(): Promise<Map<string, ConnectorFigures>> {
  const response = await call('GET', '../metrics')
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${String(response.status)}`)
  return connectorFigures(await response.text())
}
