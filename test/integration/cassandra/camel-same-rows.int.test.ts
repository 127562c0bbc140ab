// @servers kafka connect cassandra
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { TOKEN } from '../twitter/source-harness.js'
import { cassandraClient, createKeyspace } from './sink-harness.js'

// The same cassandra sink on both engines, from the same topic: pipe's source side (the twitter
// source and a .map() to rows, pipe only) fills a topic on the real broker; `pipe run` runs pipe's
// cassandra sink into one table; `pipe compile` gives Camel's CQL sink config, deployed as it is
// to the real Connect worker, into another table. Both tables must hold the same rows.
const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
const FIXTURE = 'test/integration/cassandra/fixtures/tweet-rows.ts'
const TWEETS = 3_000

function pipe(args: readonly string[], env: Readonly<Record<string, string>>): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  return { child, done: new Promise((resolve) => { child.once('exit', (code) => { resolve({ code, output }) }) }) }
}

type Row = readonly [string, string, string]

describe('the cassandra sink on Kafka Connect (Camel) and on pipe', () => {
  const client = cassandraClient()
  const id = randomUUID().replaceAll('-', '').slice(0, 10)
  const camelName = `tweet-rows-camel-${id}`
  let keyspace = ''
  let api: TwitterApiServer | undefined
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'same_rows')
    for (const table of ['pipe_rows', 'camel_rows']) await client.execute(`CREATE TABLE ${keyspace}.${table} (id text PRIMARY KEY, body text, author text)`)
  })
  afterAll(async () => {
    await connectRequest(servers().connect.url, 'DELETE', `/connectors/${camelName}-sink`)
    await api?.close()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  const rows = async (table: string): Promise<Row[]> => {
    const result = await client.execute(`SELECT id, body, author FROM ${keyspace}.${table}`, [], { fetchSize: 10_000 })
    return result.rows.map((r): Row => [String(r['id']), String(r['body']), String(r['author'])]).sort((a, b) => a[0].localeCompare(b[0]))
  }

  it('writes the same rows from the same topic', { timeout: 240_000 }, async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: TWEETS, ratePerSecond: 1_500, keepAliveMs: 1_000 })
    const env = {
      TWITTER_BEARER_TOKEN: TOKEN, TWITTER_API_URL: api.url, CASSANDRA_CONTACT_POINTS: servers().cassandra.contactPoints.join(','),
      CASSANDRA_KEYSPACE: keyspace, TWEET_ROWS_TOPIC: `tweet-rows-${id}`,
    }
    // GIVEN the topic filled by pipe's source side, and pipe's own sink's rows from it
    const running = pipe(['run', FIXTURE, '--bootstrap-servers', servers().kafka.bootstrapServers, '--offsets-topic', `pipe-offsets-${id}`],
      { ...env, CASSANDRA_TABLE: 'pipe_rows', TWEET_ROWS_SINK: `tweet-rows-pipe-${id}` })
    try {
      await waitFor(`${String(TWEETS)} rows from pipe`, async () => ((await rows('pipe_rows')).length >= TWEETS ? true : undefined), 120_000)
    } finally {
      running.child.kill('SIGINT')
    }
    const run = await running.done
    expect(run.code, run.output).toBe(0)
    const ours = await rows('pipe_rows')
    expect(ours.map((r) => r[0])).toEqual([...api.allIds].sort())

    // WHEN the sink compiled for Kafka Connect is deployed as compiled, into another table
    const out = await mkdtemp(join(tmpdir(), 'pipe-camel-rows-'))
    const compiled = await pipe(['compile', FIXTURE, '--out', out], { ...env, CASSANDRA_TABLE: 'camel_rows', TWEET_ROWS_SINK: camelName }).done
    expect(compiled.code, compiled.output).toBe(0)
    expect(compiled.output).toContain('PIPE_CASSANDRA_ARRAY_VALUE')
    expect(await readdir(out)).toEqual([`${camelName}-sink.json`])
    const body = JSON.parse(await readFile(join(out, `${camelName}-sink.json`), 'utf8')) as { name: string; config: Record<string, string> }
    expect(body.config['connector.class']).toBe('org.apache.camel.kafkaconnector.CamelSinkConnector')
    expect((await connectRequest(servers().connect.url, 'POST', '/connectors', body)).status).toBe(201)

    // THEN Camel writes exactly the rows pipe wrote
    await waitFor(`${String(TWEETS)} rows from Camel`, async () => {
      const n = Number((await client.execute(`SELECT count(*) FROM ${keyspace}.camel_rows`)).first()['count'])
      const status = await connectRequest(servers().connect.url, 'GET', `/connectors/${body.name}/status`)
      if (JSON.stringify(status.body).includes('FAILED')) throw new Error(`camel sink failed: ${JSON.stringify(status.body)}`)
      return n >= TWEETS ? n : undefined
    }, 120_000)
    expect(await rows('camel_rows')).toEqual(ours)
  })
})
