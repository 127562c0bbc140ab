// @servers cassandra
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PolledRecord, SinkRecord } from '../../../packages/runtime/src/index.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { runSource, sourceConfig, TOKEN } from '../twitter/source-harness.js'
import { cassandraClient, createKeyspace, sinkConfig, startSink } from './sink-harness.js'

/** What the engine does between the two tasks, reduced to a list: a topic of one partition. */
function asTopic(records: readonly PolledRecord[]): SinkRecord[] {
  return records.map((r, offset) => ({
    topic: 'tweets',
    kafkaPartition: 0,
    kafkaOffset: offset,
    originalTopic: 'tweets',
    originalKafkaPartition: 0,
    originalKafkaOffset: offset,
    key: r.key ?? null,
    value: r.value,
    timestamp: r.timestamp ?? null,
    headers: [],
  }))
}

describe('twitter source -> cassandra sink (without the engine)', () => {
  const client = cassandraClient()
  let keyspace = ''
  let api: TwitterApiServer | undefined
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'twitter_e2e')
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id bigint PRIMARY KEY, body text, author bigint, created_at timestamp)`)
  })
  afterAll(async () => {
    await api?.close()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('writes each of 10,000 tweets, streamed with two disconnects and one 429, exactly once', async () => {
    api = await startTwitterApi({
      bearerToken: TOKEN,
      tweets: 10_000,
      ratePerSecond: 2_000,
      keepAliveMs: 100,
      connections: [
        { kind: 'serve', disconnectAfter: 2_500 },
        { kind: 'error', status: 429, resetInSeconds: 1 },
        { kind: 'serve', disconnectAfter: 1_500, disconnect: 'reset' },
      ],
    })
    const source = await runSource(sourceConfig(api), { until: (r) => r.length >= 10_000, timeoutMs: 60_000 })
    await source.stop()
    const { task, stop } = await startSink(sinkConfig(keyspace, 'tweets', { id: 'id', body: 'text', author: 'author_id', created_at: 'created_at' }))
    const records = asTopic(source.records)
    // at-least-once: the sink sees the last 1,000 records twice, as after a crash before a commit
    for (let i = 0; i < records.length; i += 500) await task.put(records.slice(i, i + 500))
    await task.put(records.slice(9_000))
    await stop()

    const rows = await client.execute(`SELECT id FROM ${keyspace}.tweets`, [], { fetchSize: 20_000 })
    const ids = rows.rows.map((r) => String(r['id'])).sort()
    expect(ids).toHaveLength(10_000)
    expect(ids).toEqual([...api.allIds].sort())
    expect(api.served.streamConnections).toBe(4)
  })
})
