import { describe, expect, it } from 'vitest'
import { parseCassandraSinkConfig } from './cassandra-sink-config.js'
import { checkMapping, insertStatement, type TableColumn } from './table-schema.js'

const config = parseCassandraSinkConfig({
  contactPoints: '127.0.0.1:9042',
  keyspace: 'social',
  table: 'tweets',
  columns: '{"author":"author_id","id":"id","body":"text"}',
})
const columns: TableColumn[] = [
  { name: 'author', type: 'text', kind: 'partition_key', position: 0 },
  { name: 'id', type: 'bigint', kind: 'clustering', position: 0 },
  { name: 'body', type: 'text', kind: 'regular', position: -1 },
]

describe('checkMapping', () => {
  it('returns column types and the partition key', () => {
    const schema = checkMapping(config, columns)
    expect(schema.partitionKey).toEqual(['author'])
    expect(Object.fromEntries(schema.types)).toEqual({ author: 'text', id: 'bigint', body: 'text' })
  })

  it('says which column is missing', () => {
    expect(() => checkMapping(config, columns.slice(0, 2))).toThrow(
      "cassandra sink: table 'social.tweets' has no column 'body' (mapped from field 'text'); its columns are: author, id",
    )
  })
})

describe('insertStatement', () => {
  it('quotes identifiers and binds one marker per mapped column', () => {
    expect(insertStatement(config)).toBe('INSERT INTO "social"."tweets" ("author", "id", "body") VALUES (?, ?, ?)')
  })
})
