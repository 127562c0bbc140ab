// @servers cassandra
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistry } from '../../../packages/runtime/src/plugins/default-registry.js'
import { createEngine } from '../../../packages/runtime/src/engine/engine.js'
import { createMemoryTopicBackend } from '../../../packages/runtime/src/topics/memory-topic-backend.js'
import { servers } from '../../infra/servers.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { FAST, TOKEN } from '../twitter/source-harness.js'
import { cassandraClient, createKeyspace } from './sink-harness.js'

const JSON_CONVERTER = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'false',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'false',
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('the seed pipeline on the pipe engine (in-memory topics)', () => {
  const client = cassandraClient()
  let keyspace = ''
  let api: TwitterApiServer | undefined
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'engine_twitter')
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text, author text)`)
  })
  afterAll(async () => {
    await api?.close()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('streams 5,000 tweets with a disconnect and a 429 into the table, each once', async () => {
    api = await startTwitterApi({
      bearerToken: TOKEN,
      tweets: 5_000,
      ratePerSecond: 2_500,
      keepAliveMs: 100,
      connections: [{ kind: 'serve', disconnectAfter: 1_500 }, { kind: 'error', status: 429, resetInSeconds: 1 }],
    })
    const { contactPoints, localDataCenter } = servers().cassandra
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry: defaultRegistry({ writer: { write: () => undefined } }), idleWaitMs: 20 })
    // the configs `pipe compile --target pipe pipelines/twitter.ts` writes, pointed at the local servers
    await engine.start([
      {
        name: 'twitter-source',
        config: {
          'connector.class': 'pipe:twitter-source', 'api.url': api.url, 'bearer.token': TOKEN, rules: 'kafka lang:en', stream: 'filtered',
          topic: 'tweets', 'tweet.fields': 'id,text,author_id,created_at,lang', 'tasks.max': '1', ...JSON_CONVERTER, ...FAST,
        },
      },
      {
        name: 'twitter-sink',
        config: {
          'connector.class': 'pipe:cassandra-sink', 'contact.points': contactPoints.join(','), 'local.data.center': localDataCenter,
          keyspace, table: 'tweets', columns: '{"id":"id","body":"text","author":"author_id"}', topics: 'tweets', 'tasks.max': '1', ...JSON_CONVERTER,
        },
      },
    ])
    try {
      await until('5,000 rows', async () => Number((await client.execute(`SELECT count(*) FROM ${keyspace}.tweets`)).first()['count']) >= 5_000, 60_000)
      expect(engine.status('twitter-source').tasks[0]?.state).toBe('RUNNING')
      expect(engine.status('twitter-sink').tasks[0]?.state).toBe('RUNNING')
    } finally {
      await engine.stop()
    }
    const rows = await client.execute(`SELECT id FROM ${keyspace}.tweets`, [], { fetchSize: 10_000 })
    expect(rows.rows.map((r) => String(r['id'])).sort()).toEqual([...api.allIds].sort())
  })
})
