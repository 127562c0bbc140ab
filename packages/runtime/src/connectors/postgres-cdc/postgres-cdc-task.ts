import type * as PgLogicalReplication from 'pg-logical-replication'
import type pg from 'pg'
import type { LogicalReplicationService, Pgoutput } from 'pg-logical-replication'
import { lazyModule } from '../../lazy-module.js'
import type { PolledRecord, SourceOffset, SourceRecord } from '../../records/connect-record.js'
import type { SourceTask } from '../../tasks/source-task.js'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { requiredDefault } from './pg-values.js'
import { envelope, keyValue, rowValue, tableSchemas, type Op, type SourceInfo, type TableSchemas, type TableShape } from './change-event.js'
import { parsePostgresCdcConfig, PostgresCdcError, type PostgresCdcConfig } from './postgres-cdc-config.js'
import {
  checkLogicalDecoding, clientConfig, connect, describePgError, ensurePublication, loadShape, lsnNumber, lsnText, qualified, slotState,
} from './pg-session.js'

const replication = lazyModule<typeof PgLogicalReplication>('pg-logical-replication')

type Row = Readonly<Record<string, string | null | undefined>>

/** A table being captured: its shape and schemas. */
interface Captured {
  readonly shape: TableShape
  readonly schemas: TableSchemas
}

/** A decoded transaction: how many of its records went out and were committed to the topic. */
interface Txn {
  readonly commitLsn: number
  endLsn: string
  emitted: number
  committed: number
  closed: boolean
}

/**
 * Where the stored offsets say streaming stopped, in Debezium's terms: `lsn_commit` is the end of
 * the last transaction finished before the stored event, `lsn` the stored event's position.
 */
interface Resume {
  readonly commitLsn: number
  readonly lsn: number
}

const SNAPSHOT_FETCH = 2000

/** How long start waits for a slot another (just killed) reader still holds. */
const SLOT_WAIT_MS = 10_000

/** A key tuple (other columns not sent): Debezium's `before` has null for them, or the type's zero when required. */
function keyOnly(shape: TableShape, row: Row | null): Row | null {
  if (row === null) return null
  const out: Record<string, string | null> = {}
  for (const column of shape.columns) out[column.name] = row[column.name] ?? requiredDefault(column)
  return out
}

/**
 * The postgres CDC source task on the pipe runtime: Debezium's PostgreSQL connector semantics
 * over logical replication with pgoutput. An initial snapshot (from the slot's exported snapshot),
 * then streaming. Offsets are Debezium's (`{server: <topic.prefix>}` -> `lsn`, `lsn_commit`,
 * `lsn_proc`, `txId`, `ts_usec`, ...); a transaction's end LSN is confirmed to the server only
 * once all its records are committed to the topic, so a crash loses nothing: the server sends the
 * unconfirmed transactions again and the records already written (before the stored offset) are
 * skipped.
 */
export class PostgresCdcTask implements SourceTask {
  #config!: PostgresCdcConfig
  #context!: SourceTaskContext
  #catalog: pg.Client | undefined
  #service: LogicalReplicationService | undefined
  readonly #tables = new Map<string, Captured>()
  readonly #queue: PolledRecord[] = []
  #wake: (() => void) | undefined
  #room: (() => void) | undefined
  #failure: Error | undefined
  #resume: Resume | undefined
  readonly #pending: Txn[] = []
  /** the transaction of a record, by its offset object (the engine hands the polled offset back to commitRecord) */
  readonly #txnOf = new WeakMap<SourceOffset, Txn>()
  #txn: (Txn & { xid: number; tsUs: number; skipUpTo: number }) | undefined
  #lastCommitLsn: number | null = null
  #confirmed: string | undefined
  #stopped = false
  #snapshotting: Promise<void> | undefined
  /** while the snapshot reads: a table slow to answer is work in progress, not idleness */
  #inSnapshot = false

  get #partition(): { server: string } {
    return { server: this.#config.prefix }
  }

  async start(context: SourceTaskContext): Promise<void> {
    this.#context = context
    this.#config = parsePostgresCdcConfig(context.config)
    const config = this.#config
    const catalog = await connect(config)
    this.#catalog = catalog
    try {
      await checkLogicalDecoding(catalog, config)
      for (const table of config.tables) this.#capture(await loadShape(catalog, config, table))
      await ensurePublication(catalog, config)
      let slot = await slotState(catalog, config)
      // a reader killed a moment ago still holds the slot until its server process notices: wait a little
      for (let waited = 0; slot.activePid !== null && waited < SLOT_WAIT_MS && !context.signal.aborted; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        slot = await slotState(catalog, config)
      }
      if (slot.activePid !== null) {
        throw new PostgresCdcError(`replication slot '${config.slot}' on PostgreSQL at ${config.host}:${String(config.port)} is in use by another process (pid ${String(slot.activePid)}): stop the other connector or set another slot.name`)
      }
      if (slot.exists && slot.plugin !== 'pgoutput') throw new PostgresCdcError(`replication slot '${config.slot}' uses the ${slot.plugin ?? '?'} plugin, not pgoutput: drop it or set another slot.name`)
      const offset = await context.offsets.offset(this.#partition)
      const snapshotDone = offset !== null && (offset['last_snapshot_record'] === true || offset['snapshot'] === undefined || offset['snapshot'] === false)
      this.#lastCommitLsn = slot.confirmed
      if (offset !== null && typeof offset['lsn_commit'] === 'number' && typeof offset['lsn'] === 'number') {
        this.#lastCommitLsn = offset['lsn_commit']
        // the server confirmed past the stored event's transaction (pipe confirms whole transactions): it sends
        // only later ones, nothing to skip; else it sends that transaction again and its events up to `lsn` are skipped
        if (slot.confirmed <= offset['lsn'] + 1) this.#resume = { commitLsn: offset['lsn_commit'], lsn: offset['lsn'] }
      }
      const mode = config.snapshotMode
      const wantSnapshot = mode === 'always' || ((mode === 'initial' || mode === 'initial_only' || mode === 'when_needed') && !snapshotDone)
      let exported: { client: pg.Client; snapshot: string; lsn: number } | undefined
      if (!slot.exists) exported = await this.#createSlot(wantSnapshot)
      if (wantSnapshot) {
        this.#inSnapshot = true
        this.#snapshotting = this.#snapshot(exported).catch((error: unknown) => { this.#fail(error) }).finally(() => { this.#inSnapshot = false })
      } else {
        await exported?.client.end().catch(() => undefined)
      }
      if (mode !== 'initial_only') {
        if (this.#snapshotting === undefined) await this.#stream()
        else void this.#snapshotting.then(() => this.#stream()).catch((error: unknown) => { this.#fail(error) })
      }
    } catch (error) {
      await this.stop()
      throw describePgError(error, config)
    }
  }

  #capture(shape: TableShape): Captured {
    const captured = { shape, schemas: tableSchemas(this.#config.prefix, shape) }
    this.#tables.set(`${shape.schema}.${shape.table}`, captured)
    return captured
  }

  #wanted(schema: string, table: string): boolean {
    return this.#config.tables.length === 0 || this.#config.tables.some((t) => t.schema === schema && t.table === table)
  }

  /** Creates the slot on a replication connection; with `exportSnapshot` the connection stays open, its snapshot to be read. */
  async #createSlot(exportSnapshot: boolean): Promise<{ client: pg.Client; snapshot: string; lsn: number } | undefined> {
    const client = await connect(this.#config, true)
    try {
      const result = await client.query<{ consistent_point: string; snapshot_name: string | null }>(
        `CREATE_REPLICATION_SLOT "${this.#config.slot}" LOGICAL pgoutput ${exportSnapshot ? 'EXPORT_SNAPSHOT' : 'NOEXPORT_SNAPSHOT'}`,
      )
      const row = result.rows[0]
      if (!exportSnapshot || row?.snapshot_name == null) {
        await client.end()
        return undefined
      }
      return { client, snapshot: row.snapshot_name, lsn: lsnNumber(row.consistent_point) }
    } catch (error) {
      await client.end().catch(() => undefined)
      throw describePgError(error, this.#config)
    }
  }

  /** Reads every captured table in one repeatable-read transaction (the slot's exported snapshot when there is one). */
  async #snapshot(exported: { client: pg.Client; snapshot: string; lsn: number } | undefined): Promise<void> {
    const config = this.#config
    const client = await connect(config)
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      if (exported !== undefined) await client.query(`SET TRANSACTION SNAPSHOT '${exported.snapshot}'`)
      // as Debezium: the snapshot transaction's id is the txId of its records
      const at = (await client.query<{ lsn: string; xid: string }>('SELECT pg_current_wal_lsn()::text AS lsn, txid_current()::text AS xid')).rows[0]
      const lsn = exported?.lsn ?? lsnNumber(at?.lsn ?? null)
      const txId = at === undefined ? null : Number(at.xid)
      const tables = config.tables.length > 0 ? [...this.#tables.values()] : await this.#allTables(client)
      let held: { captured: Captured; row: Row; firstOfTable: boolean } | undefined
      let first = true
      const emit = async (lastOfTable: boolean, last: boolean): Promise<void> => {
        if (held === undefined) return
        const marker = last ? 'last' : first ? 'first' : held.firstOfTable ? 'first_in_data_collection' : lastOfTable ? 'last_in_data_collection' : 'true'
        first = false
        const tsUs = this.#context.clock.now() * 1000
        const info: SourceInfo = { prefix: config.prefix, database: config.database, snapshot: marker, tsUs, txId, lsn, lastCommitLsn: null }
        const offset: SourceOffset = { last_snapshot_record: last, lsn, txId, ts_usec: tsUs, snapshot: 'INITIAL', snapshot_completed: last }
        await this.#push(this.#record(held.captured, info, 'r', null, held.row, offset))
        held = undefined
      }
      for (const [index, captured] of tables.entries()) {
        await client.query(`DECLARE pipe_snapshot NO SCROLL CURSOR FOR SELECT * FROM ${qualified(captured.shape)}`)
        let firstOfTable = true
        for (;;) {
          if (this.#stopped) return
          const batch = await client.query<Record<string, string | null>>(`FETCH ${String(SNAPSHOT_FETCH)} FROM pipe_snapshot`)
          for (const row of batch.rows) {
            await emit(false, false)
            held = { captured, row, firstOfTable }
            firstOfTable = false
          }
          if (batch.rows.length < SNAPSHOT_FETCH) break
        }
        await client.query('CLOSE pipe_snapshot')
        const lastTable = index === tables.length - 1
        if (!lastTable) await emit(true, false)
      }
      await emit(true, true)
      await client.query('COMMIT')
    } catch (error) {
      throw describePgError(error, config)
    } finally {
      await client.end().catch(() => undefined)
      await exported?.client.end().catch(() => undefined)
    }
  }

  /** Without `table.include.list`: every table of the publication. */
  async #allTables(client: pg.Client): Promise<Captured[]> {
    const rows = await client.query<{ schemaname: string; tablename: string }>('SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1, 2', [this.#config.publication])
    const out: Captured[] = []
    for (const r of rows.rows) out.push(this.#capture(await loadShape(client, this.#config, { schema: r.schemaname, table: r.tablename })))
    return out
  }

  async #stream(): Promise<void> {
    if (this.#stopped) return
    const config = this.#config
    const { LogicalReplicationService, PgoutputPlugin } = replication()
    const service = new LogicalReplicationService(clientConfig(config), { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } })
    this.#service = service
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [config.publication] })
    // keep each value as PostgreSQL's text: pg-values.ts converts it as Debezium does
    const parser = (plugin as unknown as { parser: { parse(buffer: Buffer): Pgoutput.Message } }).parser
    const parse = parser.parse.bind(parser)
    parser.parse = (buffer) => {
      const message = parse(buffer)
      if (message.tag === 'relation') for (const column of message.columns) column.parser = (raw: unknown) => raw
      return message
    }
    service.on('data', (lsn: string, message: Pgoutput.Message) => this.#onMessage(lsn, message))
    service.on('heartbeat', (_lsn: string, _ts: number, respond: boolean) => {
      if (respond && this.#confirmed !== undefined) void service.acknowledge(this.#confirmed)
    })
    service.on('error', (error: Error) => { this.#fail(error) })
    // resolves once the server streams (a refusal such as a slot in use fails start, or the task when after a snapshot)
    const started = new Promise<void>((resolve, reject) => {
      service.once('start', () => { resolve() })
      service.subscribe(plugin, config.slot).catch((error: unknown) => {
        this.#fail(error)
        reject(describePgError(error, config))
      })
    })
    started.catch(() => undefined)
    await started
  }

  #fail(error: unknown): void {
    if (this.#stopped) return
    this.#failure ??= describePgError(error, this.#config)
    this.#wake?.()
  }

  async #onMessage(lsn: string, message: Pgoutput.Message): Promise<void> {
    const at = lsnNumber(lsn)
    switch (message.tag) {
      case 'begin': {
        const commitLsn = lsnNumber(message.commitLsn)
        const resume = this.#resume
        // before the stored transaction: written already; the stored one: written up to `lsn`; after it: all new
        const skipUpTo = resume === undefined ? -1 : commitLsn < resume.commitLsn ? Infinity : resume.lsn
        if (resume !== undefined && commitLsn >= resume.commitLsn) this.#resume = undefined
        this.#txn = { commitLsn, endLsn: message.commitLsn ?? lsn, emitted: 0, committed: 0, closed: false, xid: message.xid, tsUs: Number(message.commitTime), skipUpTo }
        return
      }
      case 'commit': {
        const txn = this.#txn
        this.#txn = undefined
        if (txn === undefined) return
        txn.endLsn = message.commitEndLsn ?? txn.endLsn
        txn.closed = true
        this.#lastCommitLsn = lsnNumber(txn.endLsn)
        // a transaction with nothing captured (or all written before a crash) is confirmable in its turn
        this.#pending.push(txn)
        this.#advance()
        return
      }
      case 'relation': {
        if (!this.#wanted(message.schema, message.name)) return
        const known = this.#tables.get(`${message.schema}.${message.name}`)?.shape
        const optional = new Map(known?.columns.map((c) => [c.name, c.optional]))
        this.#capture({
          schema: message.schema, table: message.name,
          columns: message.columns.map((c) => ({ name: c.name, typeOid: c.typeOid, typeMod: c.typeMod, optional: optional.get(c.name) ?? true })),
          keyColumns: known !== undefined && known.keyColumns.length > 0 ? known.keyColumns : message.keyColumns,
        })
        return
      }
      case 'insert':
      case 'update':
      case 'delete':
      case 'truncate':
        await this.#change(at, message)
        return
      case 'message':
      case 'origin':
      case 'type':
        return
    }
  }

  async #change(at: number, message: Pgoutput.MessageInsert | Pgoutput.MessageUpdate | Pgoutput.MessageDelete | Pgoutput.MessageTruncate): Promise<void> {
    const txn = this.#txn
    if (txn === undefined || at <= txn.skipUpTo) return
    const config = this.#config
    const info: SourceInfo = { prefix: config.prefix, database: config.database, snapshot: 'false', tsUs: txn.tsUs, txId: txn.xid, lsn: at, lastCommitLsn: this.#lastCommitLsn }
    const offset: SourceOffset = { lsn_proc: at, messageType: message.tag.toUpperCase(), lsn_commit: this.#lastCommitLsn ?? 0, lsn: at, txId: txn.xid, ts_usec: txn.tsUs }
    const out: PolledRecord[] = []
    if (message.tag === 'truncate') {
      if (config.skipped.has('t')) return
      for (const relation of message.relations) {
        const captured = this.#tables.get(`${relation.schema}.${relation.name}`)
        if (captured !== undefined) out.push(this.#record(captured, info, 't', null, null, offset))
      }
    } else {
      const captured = this.#tables.get(`${message.relation.schema}.${message.relation.name}`)
      if (captured === undefined) return
      const shape = captured.shape
      if (message.tag === 'insert') {
        if (!config.skipped.has('c')) out.push(this.#record(captured, info, 'c', null, message.new, offset))
      } else if (message.tag === 'update') {
        const old = message.old ?? keyOnly(shape, message.key)
        const keyChanged = old !== null && shape.keyColumns.some((k) => (old[k] ?? null) !== (message.new[k] ?? null))
        if (keyChanged) {
          out.push(this.#record(captured, info, 'd', old, null, offset))
          if (config.tombstones) out.push(this.#tombstone(captured, old, offset))
          out.push(this.#record(captured, info, 'c', null, message.new, offset))
        } else if (!config.skipped.has('u')) {
          out.push(this.#record(captured, info, 'u', message.old, message.new, offset))
        }
      } else if (!config.skipped.has('d')) {
        const old = message.old ?? keyOnly(shape, message.key) ?? {}
        out.push(this.#record(captured, info, 'd', old, null, offset))
        if (config.tombstones) out.push(this.#tombstone(captured, old, offset))
      }
    }
    this.#txnOf.set(offset, txn)
    for (const record of out) {
      txn.emitted++
      await this.#push(record)
    }
  }

  #record(captured: Captured, info: SourceInfo, op: Op, before: Row | null, after: Row | null, offset: SourceOffset): PolledRecord {
    const { shape, schemas } = captured
    const keyRow = after ?? before
    return {
      sourcePartition: this.#partition, sourceOffset: offset, topic: this.#topicOf(shape),
      key: keyRow === null ? null : keyValue(shape, keyRow), keySchema: keyRow === null ? null : schemas.key,
      value: envelope(shape, info, op, rowValue(shape, before), rowValue(shape, after), this.#context.clock.now()), valueSchema: schemas.envelope,
    }
  }

  #tombstone(captured: Captured, old: Row, offset: SourceOffset): PolledRecord {
    return { sourcePartition: this.#partition, sourceOffset: offset, topic: this.#topicOf(captured.shape), key: keyValue(captured.shape, old), keySchema: captured.schemas.key, value: null, valueSchema: null }
  }

  #topicOf(shape: TableShape): string {
    return this.#config.topic ?? `${this.#config.prefix}.${shape.schema}.${shape.table}`
  }

  /** Queues a record for `poll`, waiting while the queue is full (the replication stream pauses meanwhile). */
  async #push(record: PolledRecord): Promise<void> {
    while (this.#queue.length >= this.#config.maxQueue && !this.#stopped && this.#failure === undefined) {
      await new Promise<void>((resolve) => { this.#room = resolve })
    }
    this.#queue.push(record)
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }

  #throwFailure(): void {
    if (this.#failure !== undefined) throw this.#failure
  }

  /** True while the snapshot runs: `--max-idle` does not stop a task whose table is slow to answer before its first row. */
  isBusy(): boolean {
    return this.#inSnapshot
  }

  async poll(): Promise<readonly PolledRecord[]> {
    this.#throwFailure()
    if (this.#queue.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200)
        this.#wake = () => { clearTimeout(timer); resolve() }
      })
      this.#wake = undefined
      this.#throwFailure()
    }
    const batch = this.#queue.splice(0, this.#config.maxBatch)
    const room = this.#room
    this.#room = undefined
    room?.()
    return batch
  }

  commitRecord(record: SourceRecord): Promise<void> {
    const txn = this.#txnOf.get(record.sourceOffset)
    if (txn !== undefined) txn.committed++
    return Promise.resolve()
  }

  commit(): Promise<void> {
    this.#advance()
    return Promise.resolve()
  }

  /** Confirms to the server the end of the last transaction of which every record is in the topic. */
  #advance(): void {
    let confirm: string | undefined
    while (this.#pending.length > 0) {
      const txn = this.#pending[0]
      if (txn === undefined || !txn.closed || txn.committed < txn.emitted) break
      confirm = txn.endLsn
      this.#pending.shift()
    }
    if (confirm === undefined) return
    this.#confirmed = confirm
    void this.#service?.acknowledge(confirm)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#room?.()
    this.#wake?.()
    await this.#service?.stop().catch(() => undefined)
    await this.#catalog?.end().catch(() => undefined)
    this.#catalog = undefined
  }
}

/** For logs and tests: the LSN text of a stored offset's `lsn`. */
export function offsetLsn(offset: SourceOffset | null): string | undefined {
  const lsn = offset?.['lsn']
  return typeof lsn === 'number' ? lsnText(lsn) : undefined
}
