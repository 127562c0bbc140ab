import { PIPE_CONNECTOR_CLASSES } from '@pipe/dsl/contract'
import type { SinkRecord } from '../../records/connect-record.js'
import type { PluginSet } from '../../tasks/connector-registry.js'
import type { SinkConnector, SinkTask } from '../../tasks/sink-task.js'
import type { SinkTaskContext } from '../../tasks/task-context.js'
import { parseCassandraSinkConfig } from './cassandra-sink-config.js'
import { validateByParsing } from '../../tasks/validate-by-parsing.js'
import { CassandraWriter, type WriterLogger, type WriterStatus } from './cassandra-writer.js'

/** The class name pipelines compile the cassandra sink to on the pipe runtime. */
export const CASSANDRA_SINK_CLASS = PIPE_CONNECTOR_CLASSES['cassandra-sink']

export interface CassandraSinkDeps {
  readonly logger?: WriterLogger
}

export interface CassandraSinkTask extends SinkTask {
  /** connecting / ready / retrying (with the failure) / closed, and rows written */
  status(): WriterStatus | undefined
}

const silent: WriterLogger = { info: () => undefined, warn: () => undefined }

/** While writes (or the first connect) are being retried: what fails, for the task's status. */
export function problemOf(status: WriterStatus | undefined): string | undefined {
  if (status === undefined || status.lastError === undefined) return undefined
  if (status.state !== 'retrying' && status.state !== 'connecting') return undefined
  const what = status.state === 'connecting' ? 'cannot connect to Cassandra' : 'cannot write to Cassandra'
  return `${what}, retrying (${String(status.retries)} retries so far): ${status.lastError}`
}

/**
 * The cassandra sink task. `put` writes its batch before resolving (retrying while Cassandra is
 * unreachable, so no record is dropped), which makes `flush` a no-op: everything `put` accepted
 * is already durable at the configured consistency.
 */
export function createCassandraSinkTask(deps: CassandraSinkDeps = {}): CassandraSinkTask {
  let writer: CassandraWriter | undefined
  let signal: AbortSignal = new AbortController().signal
  return {
    async start(context: SinkTaskContext) {
      const config = parseCassandraSinkConfig(context.config)
      signal = context.signal
      const w = new CassandraWriter(config, deps.logger ?? silent)
      writer = w
      try {
        await w.open(signal)
      } catch (error) {
        await w.close()
        throw error
      }
    },
    async put(records: readonly SinkRecord[]) {
      if (records.length === 0) return
      if (writer === undefined) throw new Error('cassandra sink: put before start')
      await writer.write(records, signal)
    },
    async flush() {
      // put resolves only once its rows are written
    },
    async stop() {
      await writer?.close()
    },
    status: () => writer?.status(),
    problem: () => problemOf(writer?.status()),
  }
}

/** The `pipe:cassandra-sink` connector plugin (tasks share the work by topic partition). */
export function createCassandraSinkConnector(deps: CassandraSinkDeps = {}): SinkConnector {
  return {
    type: 'sink',
    validate: validateByParsing(parseCassandraSinkConfig),
    taskConfigs: (config, maxTasks) => Array.from({ length: Math.max(1, maxTasks) }, () => config),
    createTask: () => createCassandraSinkTask(deps),
  }
}

/** The plugin set to register: `registry.with(cassandraPlugins({ logger }))`. */
export function cassandraPlugins(deps: CassandraSinkDeps = {}): PluginSet {
  return { connectors: { [CASSANDRA_SINK_CLASS]: createCassandraSinkConnector(deps) } }
}
