// @servers cassandra
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectValue } from '../../../packages/runtime/src/index.js'
import { makeTweet, type Scenario } from '../../twitter-api/index.js'
import { cassandraClient, captureLog, createKeyspace, sinkConfig, sinkRecords, startSink } from './sink-harness.js'

const scenario: Scenario = { bearerToken: 'unused', tweets: 3_000 }
const tweets: ConnectValue[] = Array.from({ length: scenario.tweets }, (_, i) => {
  const { id, text, author_id, created_at, lang, public_metrics } = makeTweet(scenario, i)
  return { id, text, author_id, created_at, lang, public_metrics: { like_count: public_metrics.like_count } }
})
const columns = { author_id: 'author_id', id: 'id', body: 'text', created_at: 'created_at', lang: 'lang', likes: 'public_metrics.like_count' }

describe('cassandra sink under re-delivery', () => {
  const client = cassandraClient()
  let keyspace = ''
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'sink_redeliver')
    // partition per author: rows of one author go into one unlogged batch
    await client.execute(
      `CREATE TABLE ${keyspace}.tweets_by_author (author_id bigint, id bigint, body text, created_at timestamp, lang text, likes int, PRIMARY KEY ((author_id), id))`,
    )
  })
  afterAll(async () => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('leaves exactly one row per tweet when batches are delivered again', async () => {
    const logged = captureLog()
    const { task, stop } = await startSink(sinkConfig(keyspace, 'tweets_by_author', columns, { 'batch.size': '20' }), logged)
    const records = sinkRecords(tweets)
    // GIVEN at-least-once delivery: 0..1999, then a replay of 1000..2999 after a "crash", then 2500..2999 again
    await task.put(records.slice(0, 2_000))
    await task.put(records.slice(1_000, 3_000))
    await task.put(records.slice(2_500, 3_000))
    await task.flush([{ topic: 'tweets', partition: 0, offset: 3_000 }])
    const status = task.status()
    await stop()

    const count = await client.execute(`SELECT count(*) FROM ${keyspace}.tweets_by_author`)
    expect(Number(count.first()['count'])).toBe(3_000)
    const rows = await client.execute(`SELECT id FROM ${keyspace}.tweets_by_author`, [], { fetchSize: 5_000 })
    const ids = rows.rows.map((r) => String(r['id'])).sort()
    expect(ids).toEqual(tweets.map((t) => (t as { id: string }).id).sort())
    expect(status).toMatchObject({ state: 'ready', rowsWritten: 4_500, retries: 0 })
  })

  it('converts record fields to the column types (bigint from string ids, timestamp from ISO text)', async () => {
    const first = makeTweet(scenario, 0)
    const row = await client.execute(`SELECT * FROM ${keyspace}.tweets_by_author WHERE author_id = ? AND id = ?`, [first.author_id, first.id], { prepare: true })
    const r = row.first()
    expect(String(r['body'])).toBe(first.text)
    expect((r['created_at'] as Date).toISOString()).toBe(first.created_at)
    expect(r['likes']).toBe(first.public_metrics.like_count)
    expect(r['lang']).toBe(first.lang)
  })
})
