import type { ConnectorStatus } from '@pipe/dsl/contract'
import { parseConnectorList, parseStatus } from '../deploy/connect-types.js'
import { ConnectError, type ConnectTransport } from '../deploy/kafka-connect-client.js'
import type { ImportedConnector } from './import-pipelines.js'

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')

/** What a status says of the connector: its state, and its type (source or sink) when the worker gives it. */
function stateAndType(status: ConnectorStatus | undefined): Pick<ImportedConnector, 'state' | 'type'> {
  if (status === undefined) return {}
  const type = status.type === 'source' || status.type === 'sink' ? { type: status.type } : {}
  return { state: status.connector.state, ...type }
}

/** One connector read by itself: its config (a failure is the connector's), then its state (a failure leaves it unknown). */
async function readOne(transport: ConnectTransport, name: string): Promise<ImportedConnector | { name: string; reason: string }> {
  const route = `/connectors/${encodeURIComponent(name)}`
  let config: unknown
  try {
    config = (await transport.call('GET', `${route}/config`)).body
  } catch (error) {
    if (error instanceof ConnectError && error.code !== 'PIPE_CONNECT_UNREACHABLE') return { name, reason: error.message }
    throw error
  }
  if (!isStringMap(config)) return { name, reason: `GET ${route}/config answered a body that is not a config map` }
  const status = await transport.send('GET', `${route}/status`)
  let parsed: ConnectorStatus | undefined
  try {
    parsed = status.status === 200 ? parseStatus(status.body) : undefined
  } catch {
    parsed = undefined
  }
  return { name, config: { ...config, name }, ...stateAndType(parsed) }
}

/**
 * Reads every connector of a Kafka Connect cluster: config and state in one `GET /connectors?expand=info&expand=status`,
 * or, when the worker cannot answer that (a 5xx: one connector's config is unreadable), one by one, so that a
 * connector the worker answers an error for is given back with the worker's message and the others are read.
 *
 * @example
 * ```ts
 * const { connectors, failed } = await readCluster(createConnectTransport('http://127.0.0.1:8083'))
 * ```
 */
export async function readCluster(transport: ConnectTransport): Promise<{ connectors: ImportedConnector[]; failed: { name: string; reason: string }[] }> {
  try {
    const listing = parseConnectorList((await transport.call('GET', '/connectors?expand=info&expand=status')).body)
    const connectors = listing.map((c) => ({ name: c.name, config: { ...c.config, name: c.name }, ...stateAndType(c.status) }))
    return { connectors, failed: [] }
  } catch (error) {
    if (!(error instanceof ConnectError) || error.status === undefined || error.status < 500) throw error
  }
  const names = (await transport.call('GET', '/connectors')).body
  if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string')) {
    throw new ConnectError('PIPE_CONNECT_BAD_ANSWER', 'Kafka Connect answered GET /connectors with an unexpected body')
  }
  const connectors: ImportedConnector[] = []
  const failed: { name: string; reason: string }[] = []
  for (const name of names) {
    const read = await readOne(transport, name)
    if ('reason' in read) failed.push(read)
    else connectors.push(read)
  }
  return { connectors, failed }
}
