import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { PolledRecord, SourceOffset } from '../../records/connect-record.js'
import type { ConnectField, ConnectSchema } from '../../records/connect-schema.js'
import type { ConnectValue } from '../../records/connect-value.js'
import type { SourceConnector, SourceTask } from '../../tasks/source-task.js'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { validateByParsing } from '../../tasks/validate-by-parsing.js'
import { openSession, type DbParam, type DbSession } from './db-session.js'
import { describeDbError, JdbcError, parseJdbcUrl, type JdbcTarget } from './jdbc-url.js'

const WHAT = 'jdbc source'
const MODES = ['bulk', 'incrementing', 'timestamp', 'timestamp+incrementing'] as const
type Mode = (typeof MODES)[number]

interface JdbcSourceConfig {
  readonly target: JdbcTarget
  readonly user: string
  readonly password: string | undefined
  readonly mode: Mode
  /** the tables this task reads (the connector's division), or undefined: discover them */
  readonly tables: readonly string[] | undefined
  readonly pattern: RegExp | undefined
  /** with discovery: this task's share, `index/count` */
  readonly share: { readonly index: number; readonly count: number }
  readonly incrementing: string | undefined
  readonly timestamp: string | undefined
  readonly pollMs: number
  readonly prefix: string | undefined
  readonly topic: string | undefined
  readonly batch: number
}

function parseConfig(config: ConnectorConfig): JdbcSourceConfig {
  const target = parseJdbcUrl(config['connection.url'], WHAT)
  const user = config['connection.user']?.trim() ?? config['connection.username']?.trim()
  if (user === undefined || user === '') throw new JdbcError(WHAT, "'connection.user' is required")
  const mode = (config['mode'] ?? 'bulk') as Mode
  if (!MODES.includes(mode)) throw new JdbcError(WHAT, `'mode' must be one of ${MODES.join(', ')}, got '${mode}'`)
  const incrementing = config['incrementing.column.name']?.trim() || undefined
  const timestamp = config['timestamp.column.name']?.trim() || undefined
  if (mode.includes('incrementing') && incrementing === undefined) throw new JdbcError(WHAT, `mode '${mode}' needs 'incrementing.column.name'`)
  if (mode.includes('timestamp') && timestamp === undefined) throw new JdbcError(WHAT, `mode '${mode}' needs 'timestamp.column.name'`)
  const list = (config['tables'] ?? config['table.whitelist'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  let pattern: RegExp | undefined
  const rawPattern = config['table.pattern']
  if (rawPattern !== undefined && rawPattern.trim() !== '') {
    try {
      pattern = new RegExp(`^(?:${rawPattern})$`)
    } catch {
      throw new JdbcError(WHAT, `'table.pattern' is not a regular expression: '${rawPattern}'`)
    }
  }
  const [index = 0, count = 1] = (config['task.share'] ?? '0/1').split('/').map(Number)
  const pollMs = Number(config['poll.interval.ms'] ?? '5000')
  const batch = Number(config['batch.max.rows'] ?? '1000')
  if (!Number.isInteger(pollMs) || pollMs < 1) throw new JdbcError(WHAT, `'poll.interval.ms' must be an integer >= 1, got '${config['poll.interval.ms'] ?? ''}'`)
  if (!Number.isInteger(batch) || batch < 1) throw new JdbcError(WHAT, `'batch.max.rows' must be an integer >= 1, got '${config['batch.max.rows'] ?? ''}'`)
  return {
    target, user, password: config['connection.password'], mode, tables: list.length === 0 ? undefined : list, pattern, share: { index, count },
    incrementing, timestamp, pollMs, prefix: config['topic.prefix'], topic: config['topic'], batch,
  }
}

/**
 * Kafka Connect's `ConnectorUtils.groupPartitions`: `elements` in `groups` contiguous groups, the
 * first ones one longer when they do not divide evenly.
 *
 * @example
 * groupPartitions(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3) // [['a','b','c'], ['d','e'], ['f','g']]
 */
export function groupPartitions<T>(elements: readonly T[], groups: number): T[][] {
  const per = Math.floor(elements.length / groups)
  const leftover = elements.length % groups
  const out: T[][] = []
  let at = 0
  for (let g = 0; g < groups; g++) {
    const size = per + (g < leftover ? 1 : 0)
    out.push(elements.slice(at, at + size))
    at += size
  }
  return out
}

/** A table being read: its columns' schemas, where it is, and when to query it next. */
interface TableState {
  readonly name: string
  readonly schema: ConnectSchema
  readonly kinds: ReadonlyMap<string, Kind>
  offset: { incrementing?: number; timestamp?: number }
  dueAt: number
}

type Kind = 'int16' | 'int32' | 'int64' | 'float' | 'double' | 'boolean' | 'string' | 'timestamp' | 'date'

function kindOf(dataType: string): Kind {
  const t = dataType.toLowerCase()
  if (t === 'smallint' || t === 'tinyint') return 'int16'
  if (t === 'integer' || t === 'int' || t === 'mediumint') return 'int32'
  if (t === 'bigint') return 'int64'
  if (t === 'real' || t === 'float') return 'float'
  if (t === 'double precision' || t === 'double') return 'double'
  if (t === 'boolean') return 'boolean'
  if (t.startsWith('timestamp') || t === 'datetime') return 'timestamp'
  if (t === 'date') return 'date'
  return 'string'
}

function fieldSchema(kind: Kind, optional: boolean): ConnectSchema {
  if (kind === 'timestamp') return { type: 'int64', optional, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 }
  if (kind === 'date') return { type: 'int32', optional, name: 'org.apache.kafka.connect.data.Date', version: 1 }
  return { type: kind, optional }
}

function toMillis(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  const t = text(value)
  return Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(t) ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`)
}

function convert(kind: Kind | undefined, value: unknown): ConnectValue {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'int16': case 'int32': case 'float': case 'double': return Number(value)
    case 'int64': {
      const n = Number(value)
      return Number.isSafeInteger(n) ? n : BigInt(text(value))
    }
    case 'boolean': return value === true || value === 1 || value === '1' || value === 't'
    case 'timestamp': return toMillis(value)
    case 'date': return Math.round(toMillis(value) / 86_400_000)
    case 'string':
    case undefined:
      return text(value)
  }
}

function text(value: unknown): string {
  if (value instanceof Buffer) return value.toString('utf8')
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}

/** A UTC timestamp literal both databases compare with their timestamp columns. */
function timestampParam(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}

/**
 * A JDBC source task: reads its tables by query (bulk, incrementing, timestamp,
 * timestamp+incrementing), each every `poll.interval.ms`, into `topic.prefix` + table. Source
 * partition `{table}`, offsets `incrementing` / `timestamp` as the JDBC source connectors keep them.
 */
export class JdbcSourceTask implements SourceTask {
  #config!: JdbcSourceConfig
  #context!: SourceTaskContext
  #db: DbSession | undefined
  #tables: TableState[] = []
  #next = 0

  async start(context: SourceTaskContext): Promise<void> {
    this.#context = context
    const config = parseConfig(context.config)
    this.#config = config
    const db = await openSession(config.target, config.user, config.password, WHAT)
    this.#db = db
    try {
      let names = config.tables
      if (names === undefined) {
        const all = await this.#listTables()
        const mine = all.filter((name) => config.pattern === undefined || config.pattern.test(name))
        names = groupPartitions(mine, config.share.count)[config.share.index] ?? []
      }
      for (const name of names) this.#tables.push(await this.#load(name))
    } catch (error) {
      await this.stop()
      throw describeDbError(error, config.target, config.user, WHAT)
    }
  }

  async #listTables(): Promise<string[]> {
    const db = this.#db
    if (db === undefined) return []
    const sql = db.target.kind === 'postgresql'
      ? "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
      : "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1"
    return (await db.query(sql)).map((r) => String(r['t']))
  }

  async #load(name: string): Promise<TableState> {
    const db = this.#db
    if (db === undefined) throw new JdbcError(WHAT, 'not started')
    const sql = db.target.kind === 'postgresql'
      ? 'SELECT column_name AS c, data_type AS t, is_nullable AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position'
      : 'SELECT COLUMN_NAME AS c, DATA_TYPE AS t, IS_NULLABLE AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION'
    const columns = await db.query(sql, [name])
    if (columns.length === 0) throw new JdbcError(WHAT, `table '${name}' does not exist in ${db.target.kind} database '${db.target.database}' (check tables)`)
    const kinds = new Map<string, Kind>()
    const fields: ConnectField[] = columns.map((c) => {
      const kind = kindOf(String(c['t']))
      kinds.set(String(c['c']), kind)
      return { field: String(c['c']), schema: fieldSchema(kind, c['n'] === 'YES') }
    })
    for (const column of [this.#config.incrementing, this.#config.timestamp]) {
      if (column !== undefined && !kinds.has(column)) throw new JdbcError(WHAT, `table '${name}' has no column '${column}' (check incrementing.column.name / timestamp.column.name)`)
    }
    const stored = await this.#context.offsets.offset({ table: name })
    const offset: TableState['offset'] = {}
    if (typeof stored?.['incrementing'] === 'number') offset.incrementing = stored['incrementing']
    if (typeof stored?.['timestamp'] === 'number') offset.timestamp = stored['timestamp']
    return { name, schema: { type: 'struct', optional: false, name, fields }, kinds, offset, dueAt: 0 }
  }

  async poll(): Promise<readonly PolledRecord[]> {
    const now = this.#context.clock.now()
    for (let i = 0; i < this.#tables.length; i++) {
      const table = this.#tables[(this.#next + i) % this.#tables.length]
      if (table === undefined || table.dueAt > now) continue
      this.#next = (this.#next + i + 1) % this.#tables.length
      try {
        return await this.#query(table, now)
      } catch (error) {
        throw describeDbError(error, this.#config.target, this.#config.user, WHAT)
      }
    }
    const wake = Math.min(...this.#tables.map((t) => t.dueAt), now + 200)
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(200, wake - now))))
    return []
  }

  async #query(table: TableState, now: number): Promise<PolledRecord[]> {
    const db = this.#db
    if (db === undefined) return []
    const { mode, incrementing, timestamp, batch } = this.#config
    const q = (n: string): string => db.quote(n)
    const params: DbParam[] = []
    const p = (value: DbParam): string => {
      params.push(value)
      return db.param(params.length)
    }
    let where = ''
    let order = ''
    const inc = table.offset.incrementing ?? -1
    const ts = table.offset.timestamp ?? 0
    const upper = timestampParam(now)
    if (mode === 'incrementing' && incrementing !== undefined) {
      where = `WHERE ${q(incrementing)} > ${p(inc)}`
      order = `ORDER BY ${q(incrementing)} ASC LIMIT ${String(batch)}`
    } else if (mode === 'timestamp' && timestamp !== undefined) {
      where = `WHERE ${q(timestamp)} > ${p(timestampParam(ts))} AND ${q(timestamp)} < ${p(upper)}`
      order = `ORDER BY ${q(timestamp)} ASC`
    } else if (mode === 'timestamp+incrementing' && timestamp !== undefined && incrementing !== undefined) {
      const at = timestampParam(ts)
      where = `WHERE ${q(timestamp)} < ${p(upper)} AND ((${q(timestamp)} = ${p(at)} AND ${q(incrementing)} > ${p(inc)}) OR ${q(timestamp)} > ${p(at)})`
      order = `ORDER BY ${q(timestamp)}, ${q(incrementing)} ASC LIMIT ${String(batch)}`
    }
    const rows = await db.query(`SELECT * FROM ${q(table.name)} ${where} ${order}`, params)
    const full = mode !== 'bulk' && mode !== 'timestamp' && rows.length >= batch
    table.dueAt = full ? now : now + this.#config.pollMs
    const topic = this.#config.prefix === undefined ? this.#config.topic : `${this.#config.prefix}${table.name}`
    return rows.map((row) => {
      const value: Record<string, ConnectValue> = {}
      for (const [column, kind] of table.kinds) value[column] = convert(kind, row[column])
      if (incrementing !== undefined && typeof value[incrementing] === 'number') table.offset.incrementing = value[incrementing]
      if (timestamp !== undefined && typeof value[timestamp] === 'number') table.offset.timestamp = value[timestamp]
      const offset: SourceOffset = mode === 'bulk' ? {} : { ...table.offset }
      return { sourcePartition: { table: table.name }, sourceOffset: offset, ...(topic === undefined ? {} : { topic }), key: null, value, valueSchema: table.schema }
    })
  }

  async stop(): Promise<void> {
    await this.#db?.close().catch(() => undefined)
    this.#db = undefined
  }
}

/**
 * `pipe:jdbc-source`: the connector divides the listed tables among at most `tasks.max` tasks
 * (Kafka Connect's `groupPartitions`, each task's `tables` in its config); without a list every
 * task discovers the tables (matching `table.pattern`) and takes its share (`task.share` i/n).
 *
 * @example
 * jdbcSourceConnector.taskConfigs({ tables: 'a,b,c', ... }, 2).map((c) => c['tables']) // ['a,b', 'c']
 */
export const jdbcSourceConnector: SourceConnector = {
  type: 'source',
  validate: validateByParsing(parseConfig),
  taskConfigs(config, maxTasks) {
    const list = (config['table.whitelist'] ?? config['tables'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
    const count = Math.max(1, maxTasks)
    if (list.length === 0) return Array.from({ length: count }, (_, i) => ({ ...config, 'task.share': `${String(i)}/${String(count)}` }))
    return groupPartitions(list, Math.min(count, list.length)).map((tables) => ({ ...config, tables: tables.join(',') }))
  },
  createTask: () => new JdbcSourceTask(),
}
