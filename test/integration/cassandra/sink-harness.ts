import { randomUUID } from 'node:crypto'
import { Client } from 'cassandra-driver'
import type { ConnectorConfig, ConnectValue, SinkRecord } from '../../../packages/runtime/src/index.js'
import { createCassandraSinkTask, type CassandraSinkTask } from '../../../packages/runtime/src/connectors/cassandra/index.js'
import { servers } from '../../infra/servers.js'

/** Drives the cassandra sink task against the real node, as the engine would. */

export function cassandraClient(): Client {
  const { contactPoints, localDataCenter } = servers().cassandra
  return new Client({ contactPoints: [...contactPoints], localDataCenter })
}

/** A fresh keyspace (dropped by the caller), so parallel runs never share tables. */
export async function createKeyspace(client: Client, prefix: string): Promise<string> {
  const keyspace = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`
  await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`)
  return keyspace
}

export function sinkConfig(keyspace: string, table: string, columns: Record<string, string>, extra: ConnectorConfig = {}): ConnectorConfig {
  const { contactPoints, localDataCenter } = servers().cassandra
  return {
    'connector.class': 'pipe:cassandra-sink',
    contactPoints: contactPoints.join(','),
    localDataCenter,
    keyspace,
    table,
    columns: JSON.stringify(columns),
    consistency: 'LOCAL_ONE',
    'retry.backoff.initial.ms': '100',
    'retry.backoff.max.ms': '1000',
    'reconnect.delay.ms': '500',
    ...extra,
  }
}

export interface Logged {
  readonly lines: string[]
  readonly logger: { info(m: string): void; warn(m: string): void }
}

export function captureLog(): Logged {
  const lines: string[] = []
  return { lines, logger: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) } }
}

export async function startSink(config: ConnectorConfig, logged: Logged = captureLog()): Promise<{ task: CassandraSinkTask; stop: () => Promise<void> }> {
  const task = createCassandraSinkTask({ logger: logged.logger })
  const abort = new AbortController()
  await task.start({ connectorName: 'cassandra-test', taskId: 0, config, clock: { now: () => Date.now() }, signal: abort.signal })
  return {
    task,
    stop: async () => {
      abort.abort()
      await task.stop()
    },
  }
}

/** Sink records as the engine hands them over: topic `tweets`, partition 0, offsets from `firstOffset`. */
export function sinkRecords(values: readonly ConnectValue[], firstOffset = 0, key: (v: ConnectValue, i: number) => ConnectValue = (_v, i) => String(i)): SinkRecord[] {
  return values.map((value, i) => ({
    topic: 'tweets',
    kafkaPartition: 0,
    kafkaOffset: firstOffset + i,
    originalTopic: 'tweets',
    originalKafkaPartition: 0,
    originalKafkaOffset: firstOffset + i,
    key: key(value, i),
    value,
    timestamp: Date.UTC(2026, 0, 1) + i,
    headers: [],
  }))
}

/** A start error's message, or '' when start succeeded (then the task is stopped). */
export async function startError(config: ConnectorConfig): Promise<string> {
  try {
    const { stop } = await startSink(config)
    await stop()
    return ''
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
