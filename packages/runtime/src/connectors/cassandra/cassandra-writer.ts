import type * as CassandraDriver from 'cassandra-driver'
import type { Client } from 'cassandra-driver'
import { lazyModule } from '../../lazy-module.js'
import { RuntimeError } from '../../errors.js'
import type { SinkRecord } from '../../records/connect-record.js'
import type { CassandraSinkConfig, ConsistencyName } from './cassandra-sink-config.js'
import { toCql } from './cql-types.js'
import { resolveField } from './field-path.js'
import { withRetry } from './retry.js'
import { checkMapping, insertStatement, readTableColumns, type TableSchema } from './table-schema.js'

/** Where the writer reports; never given the password. */
export interface WriterLogger {
  info(message: string): void
  warn(message: string): void
}

export interface WriterStatus {
  readonly state: 'new' | 'connecting' | 'ready' | 'retrying' | 'closed'
  /** the failure being retried (or the last one), for the task's status and trace */
  readonly lastError: string | undefined
  readonly retries: number
  readonly rowsWritten: number
}

/** A record that cannot be written whatever the retries (e.g. a primary key field is missing). */
export class CassandraRecordError extends RuntimeError {
  override readonly name = 'CassandraRecordError'
  constructor(record: SinkRecord, message: string) {
    super('CASSANDRA_BAD_RECORD', `cassandra sink: record ${record.topic}-${record.kafkaPartition}@${record.kafkaOffset}: ${message}`)
  }
}

interface Row {
  readonly params: unknown[]
  readonly partition: string
}

const driver = lazyModule<typeof CassandraDriver>('cassandra-driver')

const consistency = (name: ConsistencyName): number => {
  const { consistencies } = driver().types
  const byName: Readonly<Record<ConsistencyName, number>> = {
    ANY: consistencies.any,
    ONE: consistencies.one,
    TWO: consistencies.two,
    THREE: consistencies.three,
    QUORUM: consistencies.quorum,
    ALL: consistencies.all,
    LOCAL_ONE: consistencies.localOne,
    LOCAL_QUORUM: consistencies.localQuorum,
  EACH_QUORUM: consistencies.eachQuorum,
  }
  return byName[name]
}

/** Builds the driver client; prepared, idempotent statements at the configured consistency. */
export function createClient(config: CassandraSinkConfig): Client {
  const { Client, policies } = driver()
  return new Client({
    contactPoints: [...config.contactPoints],
    localDataCenter: config.localDataCenter,
    ...(config.credentials === undefined ? {} : { credentials: { ...config.credentials } }),
    policies: { reconnection: new policies.reconnection.ConstantReconnectionPolicy(config.reconnectDelayMs) },
    queryOptions: { consistency: consistency(config.consistency), prepare: true, isIdempotent: true },
    socketOptions: { readTimeout: config.requestTimeoutMs, connectTimeout: 5_000 },
  })
}

/**
 * Writes records as rows: one prepared INSERT (an upsert, so re-delivered records leave no
 * duplicates), unlogged batches of rows that share a partition key, transient failures retried
 * with exponential backoff (only the groups that failed are re-sent) until they succeed.
 */
export class CassandraWriter {
  readonly #config: CassandraSinkConfig
  readonly #logger: WriterLogger
  readonly #insert: string
  #client: Client | undefined
  #schema: TableSchema | undefined
  #status: { -readonly [K in keyof WriterStatus]: WriterStatus[K] } = { state: 'new', lastError: undefined, retries: 0, rowsWritten: 0 }

  constructor(config: CassandraSinkConfig, logger: WriterLogger) {
    this.#config = config
    this.#logger = logger
    this.#insert = insertStatement(config)
  }

  status(): WriterStatus {
    return { ...this.#status }
  }

  /** Connects (retrying up to `connect.timeout.ms`), then checks the table against the mapping. */
  async open(signal: AbortSignal): Promise<void> {
    this.#status.state = 'connecting'
    const c = this.#config
    this.#client = await withRetry(() => this.#connect(), {
      ...this.#retryOptions(signal),
      timeoutMs: c.connectTimeoutMs,
    }).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error)
      throw new RuntimeError('CASSANDRA_UNREACHABLE', `cassandra sink: cannot connect to ${c.contactPoints.join(', ')} (data center '${c.localDataCenter}'): ${reason}`, { cause: error })
    })
    this.#schema = checkMapping(c, await readTableColumns(this.#client, c.keyspace, c.table))
    this.#status.state = 'ready'
    this.#logger.info(`cassandra sink: writing into ${c.keyspace}.${c.table} (${c.columns.length} columns, consistency ${c.consistency})`)
  }

  async #connect(): Promise<Client> {
    const client = createClient(this.#config)
    try {
      await client.connect()
      return client
    } catch (error) {
      await client.shutdown().catch(() => undefined)
      throw error
    }
  }

  /** Writes every record; resolves once all rows are acknowledged at the configured consistency. */
  async write(records: readonly SinkRecord[], signal: AbortSignal): Promise<void> {
    const client = this.#client
    if (client === undefined) throw new RuntimeError('CASSANDRA_NOT_OPEN', 'cassandra sink: write before open')
    let pending = this.#group(records.map((r) => this.#row(r)))
    await withRetry(async () => {
      const results = await this.#runGroups(client, pending)
      const failed = pending.filter((_, i) => results[i] !== undefined)
      const firstError = results.find((e) => e !== undefined)
      pending = failed
      if (firstError !== undefined) throw firstError
    }, this.#retryOptions(signal))
    if (this.#status.state === 'retrying') this.#logger.info('cassandra sink: writes succeed again')
    this.#status.state = 'ready'
    this.#status.rowsWritten += records.length
  }

  async close(): Promise<void> {
    this.#status.state = 'closed'
    await this.#client?.shutdown()
    this.#client = undefined
  }

  #retryOptions(signal: AbortSignal): Parameters<typeof withRetry>[1] {
    const c = this.#config
    return {
      initialMs: c.retryInitialMs,
      maxMs: c.retryMaxMs,
      timeoutMs: c.retryTimeoutMs,
      signal,
      onRetry: (error, attempt, delay) => {
        this.#status.state = this.#status.state === 'connecting' ? 'connecting' : 'retrying'
        this.#status.lastError = error.message
        this.#status.retries += 1
        this.#logger.warn(`cassandra sink: ${error.name}: ${error.message}; retry ${attempt} in ${delay} ms`)
      },
    }
  }

  #row(record: SinkRecord): Row {
    const schema = this.#schema
    if (schema === undefined) throw new RuntimeError('CASSANDRA_NOT_OPEN', 'cassandra sink: write before open')
    const key: unknown[] = []
    const params = this.#config.columns.map(([column, path]) => {
      const value = resolveField(record, path)
      const isKey = schema.partitionKey.includes(column)
      if (value === undefined || (value === null && isKey)) {
        if (isKey) throw new CassandraRecordError(record, `partition key column '${column}' needs field '${path}', which the record lacks`)
      }
      if (isKey) key.push(value)
      try {
        return toCql(value, schema.types.get(column) ?? 'text')
      } catch (error) {
        throw new CassandraRecordError(record, `field '${path}' cannot go into column '${column}' (${schema.types.get(column) ?? '?'}): ${error instanceof Error ? error.message : String(error)}`)
      }
    })
    return { params, partition: JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) }
  }

  /** Rows grouped by partition key, each group cut into batches of at most `batch.size`. */
  #group(rows: readonly Row[]): Row[][] {
    const byPartition = new Map<string, Row[]>()
    for (const row of rows) {
      const group = byPartition.get(row.partition)
      if (group === undefined) byPartition.set(row.partition, [row])
      else group.push(row)
    }
    const size = this.#config.batchSize
    return [...byPartition.values()].flatMap((group) =>
      Array.from({ length: Math.ceil(group.length / size) }, (_, i) => group.slice(i * size, (i + 1) * size)),
    )
  }

  /** Runs the groups, `concurrency` at a time; the result holds each group's error, if any. */
  async #runGroups(client: Client, groups: readonly Row[][]): Promise<(Error | undefined)[]> {
    const results: (Error | undefined)[] = new Array<Error | undefined>(groups.length).fill(undefined)
    let next = 0
    const worker = async (): Promise<void> => {
      for (let i = next++; i < groups.length; i = next++) {
        const group = groups[i] ?? []
        try {
          await this.#execute(client, group)
        } catch (error) {
          results[i] = error instanceof Error ? error : new Error(String(error))
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#config.concurrency, groups.length) }, worker))
    return results
  }

  async #execute(client: Client, group: readonly Row[]): Promise<void> {
    const [only] = group
    if (group.length === 1 && only !== undefined) {
      await client.execute(this.#insert, only.params, { prepare: true, isIdempotent: true })
      return
    }
    await client.batch(
      group.map((row) => ({ query: this.#insert, params: row.params })),
      { prepare: true, logged: false, isIdempotent: true },
    )
  }
}
