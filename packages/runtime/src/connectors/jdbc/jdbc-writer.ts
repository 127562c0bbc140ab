import type { SinkRecord } from '../../records/connect-record.js'
import type { ConnectField, ConnectSchema } from '../../records/connect-schema.js'
import { isConnectMap, type ConnectMap, type ConnectValue } from '../../records/connect-value.js'
import { toJsonText } from '../../converters/json-text.js'
import type { DbParam, DbSession } from './db-session.js'
import type { JdbcSinkConfig } from './jdbc-sink-config.js'
import { JdbcError } from './jdbc-url.js'
import { sqlType, sqlValue } from './sql-types.js'

const WHAT = 'jdbc sink'

/** What one record asks of its table: write a row, delete by key, or empty the table. */
type Action =
  | { readonly kind: 'write'; readonly table: string; readonly key: string; readonly keys: readonly string[]; readonly fields: readonly ConnectField[]; readonly row: ConnectMap }
  | { readonly kind: 'delete'; readonly table: string; readonly key: string; readonly fields: readonly ConnectField[]; readonly row: ConnectMap }
  | { readonly kind: 'truncate'; readonly table: string }

const STRING_KEY: ConnectSchema = { type: 'string', optional: false }

/** A key's identity within a batch. */
function identity(fields: readonly ConnectField[], values: ConnectMap): string {
  return JSON.stringify(fields.map((f) => toJsonText(values[f.field] ?? null)))
}

const KAFKA_FIELDS: readonly ConnectField[] = [
  { field: '__connect_topic', schema: { type: 'string', optional: false } },
  { field: '__connect_partition', schema: { type: 'int32', optional: false } },
  { field: '__connect_offset', schema: { type: 'int64', optional: false } },
]

function isEnvelope(record: SinkRecord): boolean {
  const name = record.valueSchema?.name ?? ''
  return name.endsWith('.Envelope') || (isConnectMap(record.value) && 'op' in record.value && 'after' in record.value && 'source' in record.value)
}

function fieldSchema(schema: ConnectSchema | null | undefined, name: string): ConnectSchema | undefined {
  return schema?.fields?.find((f) => f.field === name)?.schema
}

/**
 * Writes sink records to tables as Debezium's JDBC sink does: Debezium change events are
 * unwrapped (`after`; `op` d deletes, t truncates when enabled), tombstones delete by key, plain
 * structs are rows; insert/upsert/update by primary key mode; with `schema.evolution` basic a
 * missing table is created and missing columns added. A batch is reduced to the last action per
 * key and written in one transaction.
 */
export class JdbcWriter {
  readonly #known = new Map<string, Set<string>>()

  constructor(
    private readonly config: JdbcSinkConfig,
    private readonly db: DbSession,
  ) {}

  #table(record: SinkRecord, source: ConnectValue | undefined): string {
    const src = isConnectMap(source) ? source : {}
    const part = (key: string): string => (typeof src[key] === 'string' ? src[key] : '')
    const name = this.config.tableFormat
      .replaceAll('${topic}', record.topic)
      .replaceAll('${source.table}', part('table'))
      .replaceAll('${source.schema}', part('schema'))
      .replaceAll('${source.db}', part('db'))
    return name.replaceAll('.', '_')
  }

  /** The key fields and their values for a record. */
  #key(record: SinkRecord, rowFields: readonly ConnectField[], row: ConnectMap | null): { fields: readonly ConnectField[]; values: ConnectMap } {
    const mode = this.config.primaryKeyMode
    const wanted = this.config.primaryKeyFields
    if (mode === 'kafka') {
      return { fields: KAFKA_FIELDS, values: { __connect_topic: record.originalTopic, __connect_partition: record.originalKafkaPartition, __connect_offset: record.originalKafkaOffset } }
    }
    if (mode === 'record_value') {
      if (row === null) return { fields: [], values: {} }
      const fields = wanted.map((name) => rowFields.find((f) => f.field === name) ?? { field: name, schema: STRING_KEY })
      return { fields, values: Object.fromEntries(wanted.map((name) => [name, row[name] ?? null])) }
    }
    if (mode === 'record_key') {
      if (record.key === null) throw new JdbcError(WHAT, `record at ${record.topic}-${String(record.kafkaPartition)}@${String(record.kafkaOffset)} has no key, and primary.key.mode is record_key`)
      if (isConnectMap(record.key)) {
        const all = record.keySchema?.fields ?? Object.keys(record.key).map((field) => ({ field, schema: STRING_KEY }))
        const fields = wanted.length === 0 ? all : all.filter((f) => wanted.includes(f.field))
        return { fields, values: Object.fromEntries(fields.map((f) => [f.field, (record.key as ConnectMap)[f.field] ?? null])) }
      }
      const name = wanted[0] ?? '__connect_key'
      return { fields: [{ field: name, schema: record.keySchema ?? { type: 'string', optional: false } }], values: { [name]: record.key } }
    }
    return { fields: [], values: {} }
  }

  #action(record: SinkRecord, index: number): Action | undefined {
    let row: ConnectValue = record.value
    let rowSchema: ConnectSchema | null | undefined = record.valueSchema
    let source: ConnectValue | undefined
    if (row !== null && isEnvelope(record) && isConnectMap(row)) {
      const op = row['op']
      source = row['source']
      const table = this.#table(record, source)
      if (op === 'd') return this.config.deleteEnabled ? this.#delete(record, table) : undefined
      if (op === 't') return this.config.truncateEnabled ? { kind: 'truncate', table } : undefined
      rowSchema = fieldSchema(record.valueSchema, 'after')
      row = row['after'] ?? null
      if (row === null) return undefined
    }
    const table = this.#table(record, source)
    if (row === null) return this.config.deleteEnabled ? this.#delete(record, table) : undefined
    if (!isConnectMap(row) || rowSchema?.fields === undefined) {
      throw new JdbcError(WHAT, `record at ${record.topic}-${String(record.kafkaPartition)}@${String(record.kafkaOffset)} is not a struct with a schema: the JDBC sink needs the json-schema format (value.converter.schemas.enable=true)`)
    }
    const key = this.#key(record, rowSchema.fields, row)
    const keyNames = new Set(key.fields.map((f) => f.field))
    const fields = [...key.fields, ...rowSchema.fields.filter((f) => !keyNames.has(f.field))]
    const values: Record<string, ConnectValue> = { ...row, ...key.values }
    const id = key.fields.length === 0 ? `#${String(index)}` : identity(key.fields, key.values)
    return { kind: 'write', table, key: id, keys: [...keyNames], fields, row: values }
  }

  #delete(record: SinkRecord, table: string): Action {
    const key = this.#key(record, [], null)
    return { kind: 'delete', table, key: identity(key.fields, key.values), fields: key.fields, row: key.values }
  }

  /** Writes a batch in one transaction. */
  async write(records: readonly SinkRecord[]): Promise<void> {
    // the last action per table and key wins; a truncate drops what came before it in the table
    const tables = new Map<string, Map<string, Action>>()
    const truncates: string[] = []
    records.forEach((record, index) => {
      const action = this.#action(record, index)
      if (action === undefined) return
      if (action.kind === 'truncate') {
        tables.delete(action.table)
        truncates.push(action.table)
        return
      }
      let byKey = tables.get(action.table)
      if (byKey === undefined) tables.set(action.table, byKey = new Map<string, Action>())
      byKey.delete(action.key) // re-inserted last: keeps record order for keyless inserts
      byKey.set(action.key, action)
    })
    if (tables.size === 0 && truncates.length === 0) return
    for (const [table, actions] of tables) {
      const writes = [...actions.values()].filter((a) => a.kind === 'write')
      if (writes.length > 0) await this.#ensureTable(table, writes)
    }
    await this.db.transaction(async () => {
      for (const table of truncates) if (this.#known.has(table) || await this.db.columns(table) !== undefined) await this.db.query(`DELETE FROM ${this.db.quote(table)}`)
      for (const [table, actions] of tables) {
        const all = [...actions.values()]
        const deletes = all.filter((a) => a.kind === 'delete')
        const writes = all.filter((a) => a.kind === 'write')
        for (let i = 0; i < deletes.length; i += this.config.batchSize) await this.#deleteRows(table, deletes.slice(i, i + this.config.batchSize))
        for (let i = 0; i < writes.length; i += this.config.batchSize) await this.#writeRows(table, writes.slice(i, i + this.config.batchSize))
      }
    })
  }

  async #ensureTable(table: string, writes: readonly Action[]): Promise<void> {
    const first = writes[0]
    if (first === undefined || first.kind !== 'write') return
    const fields = new Map<string, ConnectField>()
    for (const w of writes) if (w.kind === 'write') for (const f of w.fields) if (!fields.has(f.field)) fields.set(f.field, f)
    let known = this.#known.get(table)
    if (known === undefined) {
      const found = await this.db.columns(table)
      if (found === undefined) {
        if (this.config.schemaEvolution !== 'basic') {
          throw new JdbcError(WHAT, `table '${table}' does not exist in ${this.db.target.kind} database '${this.db.target.database}': create it, or set schema.evolution basic`)
        }
        const keyFields = first.keys
        const q = (n: string): string => this.db.quote(n)
        const columns = [...fields.values()].map((f) => `${q(f.field)} ${sqlType(f.schema, this.db.target.kind, keyFields.includes(f.field))}${keyFields.includes(f.field) || !f.schema.optional ? ' NOT NULL' : ' NULL'}`)
        const pk = keyFields.length === 0 ? '' : `, PRIMARY KEY (${keyFields.map(q).join(', ')})`
        await this.db.query(`CREATE TABLE IF NOT EXISTS ${q(table)} (${columns.join(', ')}${pk})`)
        known = new Set(fields.keys())
      } else {
        known = new Set(found)
      }
      this.#known.set(table, known)
    }
    const missing = [...fields.values()].filter((f) => !known.has(f.field))
    if (missing.length === 0) return
    if (this.config.schemaEvolution !== 'basic') {
      throw new JdbcError(WHAT, `table '${table}' has no column ${missing.map((f) => `'${f.field}'`).join(', ')}: add it, or set schema.evolution basic`)
    }
    for (const f of missing) {
      await this.db.query(`ALTER TABLE ${this.db.quote(table)} ADD COLUMN ${this.db.quote(f.field)} ${sqlType(f.schema, this.db.target.kind, false)} NULL`)
      known.add(f.field)
    }
  }

  async #deleteRows(table: string, deletes: readonly Action[]): Promise<void> {
    const first = deletes[0]
    if (first === undefined || first.kind !== 'delete') return
    if (!this.#known.has(table) && await this.db.columns(table) === undefined) return // nothing to delete from
    const names = first.fields.map((f) => f.field)
    const params: DbParam[] = []
    const q = (n: string): string => this.db.quote(n)
    const tuple = (a: Action): string => {
      if (a.kind === 'truncate') return ''
      return `(${names.map((n) => `${q(n)} = ${this.#param(params, sqlValue(a.fields.find((f) => f.field === n)?.schema, a.row[n], this.db.target.kind))}`).join(' AND ')})`
    }
    await this.db.query(`DELETE FROM ${q(table)} WHERE ${deletes.map(tuple).join(' OR ')}`, params)
  }

  #param(params: DbParam[], value: DbParam): string {
    params.push(value)
    return this.db.param(params.length)
  }

  async #writeRows(table: string, writes: readonly Action[]): Promise<void> {
    const first = writes[0]
    if (first === undefined || first.kind !== 'write') return
    const q = (n: string): string => this.db.quote(n)
    const fields = new Map<string, ConnectField>()
    for (const w of writes) if (w.kind === 'write') for (const f of w.fields) if (!fields.has(f.field)) fields.set(f.field, f)
    const names = [...fields.keys()]
    const keys = first.keys
    const kind = this.db.target.kind
    const params: DbParam[] = []
    if (this.config.insertMode === 'update') {
      for (const w of writes) {
        if (w.kind !== 'write') continue
        const p: DbParam[] = []
        const set = names.filter((n) => !keys.includes(n)).map((n) => `${q(n)} = ${this.#param(p, sqlValue(fields.get(n)?.schema, w.row[n], kind))}`)
        const where = keys.map((n) => `${q(n)} = ${this.#param(p, sqlValue(fields.get(n)?.schema, w.row[n], kind))}`)
        if (set.length > 0) await this.db.query(`UPDATE ${q(table)} SET ${set.join(', ')} WHERE ${where.join(' AND ')}`, p)
      }
      return
    }
    const rows = writes.map((w) => (w.kind === 'write' ? `(${names.map((n) => this.#param(params, sqlValue(fields.get(n)?.schema, w.row[n], kind))).join(', ')})` : ''))
    let sql = `INSERT INTO ${q(table)} (${names.map(q).join(', ')}) VALUES ${rows.join(', ')}`
    if (this.config.insertMode === 'upsert') {
      const others = names.filter((n) => !keys.includes(n))
      if (kind === 'postgresql') {
        sql += others.length === 0
          ? ` ON CONFLICT (${keys.map(q).join(', ')}) DO NOTHING`
          : ` ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${others.map((n) => `${q(n)} = EXCLUDED.${q(n)}`).join(', ')}`
      } else {
        const set = (others.length === 0 ? keys : others).map((n) => `${q(n)} = VALUES(${q(n)})`)
        sql += ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`
      }
    }
    await this.db.query(sql, params)
  }
}
