// @servers cassandra
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cassandraClient, createKeyspace, sinkConfig, startError } from './sink-harness.js'

describe('cassandra sink start against a table that does not fit the mapping', () => {
  const client = cassandraClient()
  let keyspace = ''
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'sink_schema')
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text, likes int)`)
    await client.execute(`CREATE TABLE ${keyspace}.tweet_counts (id text PRIMARY KEY, seen counter)`)
    await client.execute(`CREATE TABLE ${keyspace}.by_author (author text, id text, body text, PRIMARY KEY ((author), id))`)
  })
  afterAll(async () => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('names a mapped column the table lacks, and lists the columns it has', async () => {
    const message = await startError(sinkConfig(keyspace, 'tweets', { id: 'id', body: 'text', author: 'author_id' }))
    expect(message).toBe(
      `cassandra sink: table '${keyspace}.tweets' has no column 'author' (mapped from field 'author_id'); its columns are: body, id, likes`,
    )
  })

  it('names a missing table and a missing keyspace', async () => {
    expect(await startError(sinkConfig(keyspace, 'nope', { id: 'id' }))).toBe(
      `cassandra sink: table '${keyspace}.nope' does not exist; create it or fix 'keyspace'/'table'`,
    )
    expect(await startError(sinkConfig('no_such_keyspace', 'tweets', { id: 'id' }))).toMatch(/^cassandra sink: keyspace 'no_such_keyspace' does not exist/)
  })

  it('rejects a column an INSERT cannot write, and a field kind the column type cannot take', async () => {
    expect(await startError(sinkConfig(keyspace, 'tweet_counts', { id: 'id', seen: 'n' }))).toBe(
      `cassandra sink: column 'seen' of '${keyspace}.tweet_counts' has type counter: counter columns can only be changed by UPDATE ... SET c = c + n, not by INSERT`,
    )
    const typed = sinkConfig(keyspace, 'tweets', { id: 'id', likes: 'liked' }, { 'column.types': '{"likes":"boolean"}' })
    expect(await startError(typed)).toBe(`cassandra sink: column 'likes' of '${keyspace}.tweets' has type int: a boolean field cannot be written into a int column`)
  })

  it('requires every primary key column to be mapped', async () => {
    expect(await startError(sinkConfig(keyspace, 'by_author', { id: 'id', body: 'text' }))).toBe(
      `cassandra sink: primary key column(s) 'author' of '${keyspace}.by_author' are not mapped; add them to 'columns'`,
    )
  })

  it('starts when the mapping fits', async () => {
    expect(await startError(sinkConfig(keyspace, 'tweets', { id: 'id', body: 'text', likes: 'likes' }))).toBe('')
  })
})
