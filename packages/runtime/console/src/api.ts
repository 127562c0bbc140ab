/** The worker's REST API and /metrics, as the console reads them: the only data the console has. */

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

/** Per connector: records out (source writes, sink sends), records in, lag, errors, summed over its tasks. */
export interface ConnectorFigures {
  out: number
  in: number
  lag: number | undefined
  errors: number
}

const SERIES = /^([a-z_]+)\{([^}]*)\} (\S+)$/

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const m of text.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\(.)/g, '$1')
  return labels
}

/** The figures the console shows, from `GET /metrics` (Kafka Connect's metric names). */
export async function figures(): Promise<Map<string, ConnectorFigures>> {
  const response = await call('GET', '../metrics')
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${String(response.status)}`)
  const out = new Map<string, ConnectorFigures>()
  const of = (name: string): ConnectorFigures => {
    let f = out.get(name)
    if (f === undefined) out.set(name, f = { out: 0, in: 0, lag: undefined, errors: 0 })
    return f
  }
  for (const line of (await response.text()).split('\n')) {
    const m = SERIES.exec(line)
    if (m === null) continue
    const [, metric = '', labelText = '', valueText = ''] = m
    const connector = labelsOf(labelText)['connector']
    if (connector === undefined) continue
    const value = Number(valueText)
    if (metric.endsWith('source_record_write_total') || metric.endsWith('sink_record_send_total')) of(connector).out += value
    else if (metric.endsWith('source_record_poll_total') || metric.endsWith('sink_record_read_total')) of(connector).in += value
    else if (metric === 'pipe_sink_lag_records') of(connector).lag = value
    else if (metric.endsWith('total_record_failures')) of(connector).errors += value
  }
  return out
}
