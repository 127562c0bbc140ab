import type { ConnectState, ConnectorInfo, ConnectorStatus, ConnectorType, OffsetsBody, TaskStatus } from '@pipe/dsl/contract'
import { ConnectError } from './connect-error.js'

/**
 * One entry of GET /connectors?expand=info&expand=status: the connector's config, and its status in
 * Kafka Connect's own shape (the contract's).
 */
export interface ConnectorListing extends Pick<ConnectorInfo, 'name' | 'config'> {
  /** Absent when the worker had no status for it yet. */
  readonly status?: ConnectorStatus
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const bad = (what: string): ConnectError => new ConnectError('PIPE_CONNECT_BAD_ANSWER', `Kafka Connect answered ${what} with an unexpected body`)

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, string>> // one optional key
// printed as the worker says it: a state or type pipe does not know (or a missing one: UNKNOWN) is still shown
const stateOf = (value: unknown): ConnectState => (str(value) ?? 'UNKNOWN') as ConnectState
const typeOf = (value: unknown): ConnectorType => (str(value) ?? 'unknown') as ConnectorType

function parseTask(value: unknown): TaskStatus {
  if (!isRecord(value) || typeof value['id'] !== 'number') throw bad('a task status')
  return { id: value['id'], state: stateOf(value['state']), worker_id: str(value['worker_id']) ?? '', ...optional('trace', str(value['trace'])) }
}

/** Parses a ConnectorStateInfo (the body of GET /connectors/{name}/status); a missing worker_id is ''. */
export function parseStatus(body: unknown): ConnectorStatus {
  if (!isRecord(body) || typeof body['name'] !== 'string' || !isRecord(body['connector'])) throw bad('GET /connectors/{name}/status')
  const connector = body['connector']
  const tasks = Array.isArray(body['tasks']) ? body['tasks'].map(parseTask).sort((a, b) => a.id - b.id) : []
  return {
    name: body['name'],
    connector: { state: stateOf(connector['state']), worker_id: str(connector['worker_id']) ?? '', ...optional('trace', str(connector['trace'])) },
    tasks,
    type: typeOf(body['type']),
  }
}

function parseConfig(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === 'string' ? v : JSON.stringify(v)]))
}

/** Parses GET /connectors?expand=info&expand=status into one listing per connector, by name. */
export function parseConnectorList(body: unknown): ConnectorListing[] {
  if (!isRecord(body)) throw bad('GET /connectors?expand=info&expand=status')
  return Object.entries(body).map(([name, entry]) => {
    const info = isRecord(entry) && isRecord(entry['info']) ? entry['info'] : {}
    const status = isRecord(entry) && isRecord(entry['status']) ? parseStatus(entry['status']) : undefined
    return { name, config: parseConfig(info['config']), ...(status === undefined ? {} : { status }) }
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Parses an offsets body (GET /connectors/{name}/offsets, or a file given to `pipe offsets alter`). */
export function parseOffsets(body: unknown): OffsetsBody {
  if (!isRecord(body) || !Array.isArray(body['offsets'])) throw bad('an offsets request')
  const offsets = body['offsets'].map((entry: unknown) => {
    if (!isRecord(entry) || !isRecord(entry['partition']) || !(entry['offset'] === null || isRecord(entry['offset']))) throw bad('an offsets entry')
    return { partition: entry['partition'], offset: entry['offset'] }
  })
  return { offsets }
}
