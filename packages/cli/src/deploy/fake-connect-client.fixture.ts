import { FILE_STREAM_CLASSES, type ConnectorStatus } from '@pipe/dsl/contract'
import { ConnectError } from './connect-error.js'
import type { ConnectorListing } from './connect-types.js'
import type { KafkaConnectClient } from './kafka-connect-client.js'

/** A Kafka Connect we own for unit tests: connectors in memory, statuses scripted per connector. */
export interface FakeConnect extends KafkaConnectClient {
  readonly configs: Map<string, Record<string, string>>
  /** Statuses returned by successive status() calls of a connector (the last one repeats). */
  readonly statuses: Map<string, ConnectorStatus[]>
  /** Every mutating call, in order: `PUT a`, `DELETE b`, `STOP c`... */
  readonly calls: string[]
  /** The connector classes the worker has (FileStream source and sink unless changed). */
  readonly plugins: string[]
}

const notFound = (name: string): ConnectError => new ConnectError('PIPE_CONNECT_NOT_FOUND', `connector '${name}' not found`, undefined, 404)

export const running = (name: string, tasks = 1): ConnectorStatus =>
  ({ name, connector: { state: 'RUNNING', worker_id: '' }, tasks: Array.from({ length: tasks }, (_, id) => ({ id, state: 'RUNNING', worker_id: '' })), type: 'source' })

export function createFakeConnect(): FakeConnect {
  const configs = new Map<string, Record<string, string>>()
  const statuses = new Map<string, ConnectorStatus[]>()
  const calls: string[] = []
  const plugins: string[] = [FILE_STREAM_CLASSES.source, FILE_STREAM_CLASSES.sink]
  const status = (name: string): ConnectorStatus => {
    const queue = statuses.get(name)
    if (!configs.has(name) || queue === undefined || queue.length === 0) throw notFound(name)
    return (queue.length > 1 ? queue.shift() : queue[0]) ?? running(name)
  }
  const record = (call: string): Promise<void> => { calls.push(call); return Promise.resolve() }
  return {
    url: 'http://fake:8083',
    configs,
    statuses,
    calls,
    plugins,
    listConnectors: () => Promise.resolve([...configs].map(([name, config]): ConnectorListing => {
      const queue = statuses.get(name)
      return { name, config, ...(queue?.[0] === undefined ? {} : { status: queue[0] }) }
    })),
    status: (name) => Promise.resolve().then(() => status(name)),
    putConfig(name, config) {
      const created = !configs.has(name)
      configs.set(name, { ...config })
      calls.push(`PUT ${name}`)
      return Promise.resolve(created)
    },
    createConnector(document) {
      if (configs.has(document.name)) return Promise.reject(new ConnectError('PIPE_CONNECT_REQUEST_FAILED', `connector '${document.name}' already exists`, undefined, 409))
      configs.set(document.name, { ...document.config })
      calls.push(`POST ${document.name}${document.initial_state === undefined ? '' : ` ${document.initial_state}`}`)
      return Promise.resolve()
    },
    deleteConnector(name) {
      configs.delete(name)
      return record(`DELETE ${name}`)
    },
    pause: (name) => record(`PAUSE ${name}`),
    resume: (name) => record(`RESUME ${name}`),
    stop: (name) => record(`STOP ${name}`),
    restart: (name) => record(`RESTART ${name}`),
    getOffsets: () => Promise.resolve({ offsets: [] }),
    alterOffsets: (name) => record(`PATCH ${name}/offsets`).then(() => 'altered'),
    resetOffsets: (name) => record(`DELETE ${name}/offsets`).then(() => 'reset'),
    connectorPlugins: () => Promise.resolve([...plugins]),
    pluginVersions: () => Promise.resolve(plugins.map((name) => ({ class: name, type: name.endsWith('SinkConnector') ? 'sink' : 'source' }))),
    validate: () => Promise.resolve({ errorCount: 0, errors: [] }),
    passwordKeys: () => Promise.resolve([]),
    metrics: () => Promise.resolve(undefined),
  }
}
