import type { SinkRecord } from '../../records/connect-record.js'
import type { SinkConnector, SinkTask } from '../../tasks/sink-task.js'
import type { SinkTaskContext } from '../../tasks/task-context.js'
import { openSession, type DbSession } from './db-session.js'
import { parseJdbcSinkConfig } from './jdbc-sink-config.js'
import { validateByParsing } from '../../tasks/validate-by-parsing.js'
import { describeDbError } from './jdbc-url.js'
import { JdbcWriter } from './jdbc-writer.js'

/**
 * The jdbc sink task: `put` writes its batch in one transaction before it resolves, so `flush`
 * has nothing left to do and the consumer offsets are committed only after the rows are.
 */
export function createJdbcSinkTask(): SinkTask {
  let db: DbSession | undefined
  let writer: JdbcWriter | undefined
  let describe: (error: unknown) => Error = (error) => (error instanceof Error ? error : new Error(String(error)))
  return {
    async start(context: SinkTaskContext) {
      const config = parseJdbcSinkConfig(context.config)
      describe = (error) => describeDbError(error, config.target, config.user, 'jdbc sink')
      db = await openSession(config.target, config.user, config.password, 'jdbc sink')
      writer = new JdbcWriter(config, db)
    },
    async put(records: readonly SinkRecord[]) {
      if (records.length === 0 || writer === undefined) return
      try {
        await writer.write(records)
      } catch (error) {
        throw describe(error)
      }
    },
    async flush() {
      // put resolves only once its rows are committed
    },
    async stop() {
      await db?.close().catch(() => undefined)
      db = undefined
    },
  }
}

/**
 * `pipe:jdbc-sink`: Debezium's JDBC sink semantics on PostgreSQL and MariaDB; tasks share the
 * topic partitions.
 *
 * @example
 * createJdbcSinkConnector().taskConfigs(config, 2).length // 2
 */
export function createJdbcSinkConnector(): SinkConnector {
  return {
    type: 'sink',
    validate: validateByParsing(parseJdbcSinkConfig),
    taskConfigs: (config, maxTasks) => Array.from({ length: Math.max(1, maxTasks) }, () => config),
    createTask: createJdbcSinkTask,
  }
}
