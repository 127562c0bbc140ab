import type { Client } from 'cassandra-driver'
import { RuntimeError } from '../../errors.js'
import type { CassandraSinkConfig } from './cassandra-sink-config.js'
import { incompatibility } from './cql-types.js'

/** The target table as system_schema describes it, checked against the column mapping at start. */

export interface TableColumn {
  readonly name: string
  readonly type: string
  readonly kind: 'partition_key' | 'clustering' | 'regular' | 'static'
  readonly position: number
}

export interface TableSchema {
  /** CQL type of each mapped column */
  readonly types: ReadonlyMap<string, string>
  /** the partition key columns, in key order (rows are batched by these) */
  readonly partitionKey: readonly string[]
}

export class CassandraSchemaError extends RuntimeError {
  override readonly name = 'CassandraSchemaError'
  constructor(message: string) {
    super('CASSANDRA_SCHEMA', `cassandra sink: ${message}`)
  }
}

/** Reads the table's columns; `undefined` when the table does not exist. Throws when the keyspace does not. */
export async function readTableColumns(client: Client, keyspace: string, table: string): Promise<TableColumn[] | undefined> {
  const ks = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace], { prepare: true })
  if (ks.rowLength === 0) {
    throw new CassandraSchemaError(`keyspace '${keyspace}' does not exist; create it (CREATE KEYSPACE ${keyspace} WITH replication = ...) or fix 'keyspace'`)
  }
  const result = await client.execute(
    'SELECT column_name, type, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
    { prepare: true },
  )
  if (result.rowLength === 0) return undefined
  return result.rows.map((row) => ({
    name: String(row.get('column_name')),
    type: String(row.get('type')),
    kind: String(row.get('kind')) as TableColumn['kind'],
    position: Number(row.get('position')),
  }))
}

/** Checks that every mapped column exists with a writable type and the whole primary key is mapped. */
export function checkMapping(config: CassandraSinkConfig, columns: readonly TableColumn[] | undefined): TableSchema {
  const where = `${config.keyspace}.${config.table}`
  if (columns === undefined) {
    throw new CassandraSchemaError(`table '${where}' does not exist; create it or fix 'keyspace'/'table'`)
  }
  const byName = new Map(columns.map((c) => [c.name, c]))
  const types = new Map<string, string>()
  for (const [column, path] of config.columns) {
    const found = byName.get(column)
    if (found === undefined) {
      const names = columns.map((c) => c.name).sort().join(', ')
      throw new CassandraSchemaError(`table '${where}' has no column '${column}' (mapped from field '${path}'); its columns are: ${names}`)
    }
    const problem = incompatibility(found.type, config.columnTypes[column])
    if (problem !== undefined) throw new CassandraSchemaError(`column '${column}' of '${where}' has type ${found.type}: ${problem}`)
    types.set(column, found.type)
  }
  const key = columns.filter((c) => c.kind === 'partition_key' || c.kind === 'clustering')
  const unmapped = key.filter((c) => !types.has(c.name)).map((c) => `'${c.name}'`)
  if (unmapped.length > 0) {
    throw new CassandraSchemaError(`primary key column(s) ${unmapped.join(', ')} of '${where}' are not mapped; add them to 'columns'`)
  }
  const partitionKey = columns
    .filter((c) => c.kind === 'partition_key')
    .sort((a, b) => a.position - b.position)
    .map((c) => c.name)
  return { types, partitionKey }
}

/** Double-quotes a CQL identifier (names are used exactly as system_schema spells them). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The upsert for the mapped columns, e.g. `INSERT INTO "ks"."t" ("id", "body") VALUES (?, ?)`. */
export function insertStatement(config: CassandraSinkConfig): string {
  const names = config.columns.map(([column]) => quoteIdentifier(column))
  return `INSERT INTO ${quoteIdentifier(config.keyspace)}.${quoteIdentifier(config.table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
}
