import type { Probe } from './probes.js'
import { DEFAULT_SHAPE_OPTIONS, shapeDiff } from './json-shape.js'

/** One engine under test: its base URL and the values of the probes' `{names}`. */
export interface ProbeTarget {
  readonly label: string
  readonly url: string
  readonly vars: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

export interface ProbeAnswer {
  readonly status: number
  readonly body: unknown
  /** The `Location` header, with the target's base URL cut off. */
  readonly location?: string
}

/** Replaces `{name}` tokens with the target's values. */
export const substitute = (text: string, vars: Readonly<Record<string, string>>): string =>
  text.replace(/\{([a-z]+)\}/g, (whole, key: string) => vars[key] ?? whole)

/** Puts `{name}` tokens back in place of the target's values (longest values first). */
const unsubstitute = (text: string, vars: Readonly<Record<string, string>>): string =>
  Object.entries(vars).sort(([, a], [, b]) => b.length - a.length).reduce((t, [key, value]) => t.split(value).join(`{${key}}`), text)

async function request(target: ProbeTarget, method: string, path: string, body?: string, contentType = 'application/json'): Promise<ProbeAnswer> {
  const init: RequestInit = { method, headers: { accept: 'application/json', 'content-type': contentType, ...target.headers } }
  if (body !== undefined) init.body = body
  const response = await fetch(`${target.url}${path}`, init)
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text === '' ? undefined : JSON.parse(text) as unknown
  } catch {
    // a non-JSON answer is compared as a string, which no JSON shape matches
  }
  const location = response.headers.get('location')?.replace(target.url, '')
  return location === undefined ? { status: response.status, body: parsed } : { status: response.status, body: parsed, location }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function reached(status: unknown, state: 'running' | 'stopped' | 'failed'): boolean {
  if (!isRecord(status) || !isRecord(status['connector']) || !Array.isArray(status['tasks'])) return false
  const tasks = status['tasks'].filter(isRecord).map((t) => t['state'])
  const connector = status['connector']['state']
  if (state === 'stopped') return connector === 'STOPPED' && tasks.length === 0
  if (state === 'failed') return tasks.includes('FAILED')
  return connector === 'RUNNING' && tasks.length > 0 && tasks.every((t) => t === 'RUNNING')
}

/** Waits (30 s at most) until a connector reaches a state; the probe is sent either way. */
export async function settle(target: ProbeTarget, connector: string, state: 'running' | 'stopped' | 'failed'): Promise<boolean> {
  const end = Date.now() + 30_000
  while (Date.now() < end) {
    const answer = await request(target, 'GET', `/connectors/${substitute(connector, target.vars)}/status`)
    if (reached(answer.body, state)) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/** Kafka Connect answers 409, or 500 on read endpoints, while a rebalance is under way (e.g. after a stop). */
function transient(answer: ProbeAnswer, probe: Probe): boolean {
  if (answer.status === probe.status) return false
  if (answer.status === 409) return true
  return answer.status === 500 && isRecord(answer.body) && /rebalanc|stale configuration/i.test(String(answer.body['message']))
}

/** Sends one probe; a rebalance answer (409, or 500 naming a rebalance) is retried unless the probe expects that status. */
export async function sendProbe(target: ProbeTarget, probe: Probe): Promise<ProbeAnswer> {
  if (probe.settle !== undefined) await settle(target, probe.settle.connector, probe.settle.state)
  const body = probe.body === undefined ? undefined : substitute(typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body), target.vars)
  for (let attempt = 0; ; attempt++) {
    const answer = await request(target, probe.method, substitute(probe.path, target.vars), body, probe.contentType)
    if (!transient(answer, probe) || attempt >= 20) return answer
    await new Promise((r) => setTimeout(r, 500))
  }
}

function errorBodyProblems(answer: ProbeAnswer, label: string): string[] {
  if (answer.status < 400) return []
  const b = answer.body
  if (!isRecord(b) || b['error_code'] !== answer.status || typeof b['message'] !== 'string') return [`${label} error body is not {"error_code": ${answer.status}, "message": "..."}: ${JSON.stringify(b)}`]
  return []
}

/** The version a Kafka Connect worker names at `GET /`. */
export async function connectVersion(url: string): Promise<string> {
  const body = await (await fetch(`${url}/`)).json() as { version?: unknown }
  return String(body.version)
}

const CONVERTER_KEYS = new Set(['key.converter', 'value.converter', 'header.converter'])

const isConnect3 = (version: string | undefined): boolean => version?.startsWith('3.') === true

/**
 * pipe's answer (shaped as Kafka Connect 4.4 answers) as Kafka Connect 3.x shaped it: `order_in_group`
 * was `order` (renamed in 4.2), the `*.plugin.version` keys and the `version` of statuses (4.1, KIP-891) did not
 * exist, and validation left the converters it was not given null (4.1 fills in the worker's).
 */
export function asConnect3(body: unknown): unknown {
  if (isRecord(body) && isRecord(body['definition']) && isRecord(body['value']) && CONVERTER_KEYS.has(String(body['definition']['name'])) &&
    body['definition']['default_value'] !== null && body['value']['value'] === body['definition']['default_value']) {
    return asConnect3({ definition: { ...body['definition'], default_value: null }, value: { ...body['value'], value: null } })
  }
  if (Array.isArray(body)) {
    const named = (item: unknown): string | undefined => {
      if (!isRecord(item)) return undefined
      const definition = item['definition']
      const name = isRecord(definition) ? definition['name'] : item['name']
      return typeof name === 'string' ? name : undefined
    }
    return body.filter((item) => named(item)?.endsWith('.plugin.version') !== true).map(asConnect3)
  }
  if (!isRecord(body)) return body
  // a connector's or task's state: `version` (the plugin's) is Kafka Connect 4.1's (KIP-891)
  const entries = Object.entries(body).filter(([key]) => !(key === 'version' && 'worker_id' in body && 'state' in body))
  return Object.fromEntries(entries.map(([key, value]) => [key === 'order_in_group' ? 'order' : key, asConnect3(value)]))
}

/**
 * What differs between Kafka Connect's answer and pipe's; empty when the probe matches. pipe answers as
 * the newest Kafka Connect: against a 3.x worker (`realVersion`), a probe whose status changed in 4.x
 * checks each side's own status, and other answers compare with pipe's shaped as 3.x shaped them.
 */
export function compareAnswers(probe: Probe, real: { target: ProbeTarget; answer: ProbeAnswer }, pipe: { target: ProbeTarget; answer: ProbeAnswer }, realVersion?: string): string[] {
  const old = isConnect3(realVersion)
  const expected = old ? probe.connect3?.status ?? probe.status : probe.status
  if (old && probe.connect3 !== undefined) {
    const problems: string[] = []
    if (real.answer.status !== expected) problems.push(`Kafka Connect ${String(realVersion)} answered ${real.answer.status}, the probe expects ${expected}`)
    if (pipe.answer.status !== probe.status) problems.push(`status ${pipe.answer.status} vs Kafka Connect 4's ${probe.status}: ${JSON.stringify(pipe.answer.body)}`)
    return problems
  }
  if (old) pipe = { ...pipe, answer: { ...pipe.answer, body: asConnect3(pipe.answer.body) } }
  const problems: string[] = []
  if (real.answer.status !== expected) problems.push(`Kafka Connect answered ${real.answer.status}, the probe expects ${expected}`)
  if (pipe.answer.status !== real.answer.status) problems.push(`status ${pipe.answer.status} vs Kafka Connect's ${real.answer.status}: ${JSON.stringify(pipe.answer.body)}`)
  problems.push(...errorBodyProblems(real.answer, 'Kafka Connect'), ...errorBodyProblems(pipe.answer, 'pipe'))
  const where = (side: { target: ProbeTarget; answer: ProbeAnswer }): string | undefined =>
    side.answer.location === undefined ? undefined : unsubstitute(decodeURIComponent(side.answer.location), side.target.vars)
  if (where(real) !== where(pipe)) problems.push(`Location ${String(pipe.answer.location)} vs Kafka Connect's ${String(real.answer.location)}`)
  const pick = (side: { target: ProbeTarget; answer: ProbeAnswer }): unknown => {
    if (probe.entry === undefined || !isRecord(side.answer.body)) return side.answer.body
    return side.answer.body[substitute(probe.entry, side.target.vars)]
  }
  const options = probe.isMap === true ? { ...DEFAULT_SHAPE_OPTIONS, maps: new Set([...DEFAULT_SHAPE_OPTIONS.maps, '$']) } : DEFAULT_SHAPE_OPTIONS
  if (problems.length === 0) problems.push(...shapeDiff(pick(real), pick(pipe), '$', options).map((d) => `shape: ${d} (Kafka Connect vs pipe)`))
  return problems
}
