// @servers cassandra
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { TOKEN } from '../twitter/source-harness.js'
import { startPipeWorker } from '../worker/pipe-worker.js'
import { cassandraClient, createKeyspace } from './sink-harness.js'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js'

// Kafka Connect keeps a task RUNNING while it retries and says nothing in its status; pipe says
// what fails, as the task's `problem`, in pipe run's progress and in pipe worker's REST status.
// The node "goes down" by cutting a TCP proxy in front of it (the driver sees connections drop
// and new ones refused), which is quicker than stopping Cassandra (node-outage.int.test.ts does that).
const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
const PROBLEM = /cannot write to Cassandra, retrying \(\d+ retries so far\): /
const JSON_VALUES = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'false',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('a cassandra sink retrying while its node is down', () => {
  const client = cassandraClient()
  let keyspace = ''
  let api: TwitterApiServer | undefined
  let proxy: TcpProxy | undefined
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'sink_problem')
  })
  afterAll(async () => {
    await api?.close()
    await proxy?.close()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })
  const count = async (table: string): Promise<number> => Number((await client.execute(`SELECT count(*) FROM ${keyspace}.${table}`)).first()['count'])

  it("shows the failure in pipe run's progress lines, and every row arrives once the node is back", async () => {
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text, author text)`)
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 2_000, ratePerSecond: 250, keepAliveMs: 1_000 })
    proxy = await startTcpProxy(servers().cassandra.contactPoints[0] ?? '')
    const env = { ...process.env, NO_COLOR: '1', TWITTER_BEARER_TOKEN: TOKEN, TWITTER_API_URL: api.url, CASSANDRA_CONTACT_POINTS: proxy.address, CASSANDRA_KEYSPACE: keyspace }
    const stateDir = await mkdtemp(join(tmpdir(), 'pipe-run-problem-'))
    const child = spawn(process.execPath, [BIN, 'run', 'pipelines/twitter.ts', '--state-dir', stateDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    try {
      await until('200 rows', async () => (await count('tweets')) >= 200, 60_000, () => stderr)
      // WHEN the node goes away mid-run
      await proxy.cut()
      await until('a problem line', () => /twitter-sink problem: /.test(stderr), 60_000, () => stderr)
      await new Promise((r) => setTimeout(r, 2_000))
      await proxy.restore()
      // THEN the problem is reported while the task keeps RUNNING, and clears once the node is back
      await until('the recovery line', () => stderr.includes('twitter-sink recovered'), 60_000, () => stderr)
      await until('2,000 rows', async () => (await count('tweets')) >= 2_000, 60_000, () => stderr)
    } finally {
      child.kill('SIGKILL')
    }
    const line = stderr.split('\n').find((l) => l.includes('twitter-sink problem: ')) ?? ''
    expect(line).toMatch(/^\[[\d.]+m?s\] twitter-sink problem: /)
    expect(line).toMatch(PROBLEM)
    expect(stderr).not.toMatch(/twitter-sink \(sink\) .*FAILED/)
    expect(await count('tweets')).toBe(2_000)
    expect(stderr).not.toContain(TOKEN)
  })

  it("shows the failure as the task's problem in pipe worker's REST status, the task RUNNING", async () => {
    await client.execute(`CREATE TABLE ${keyspace}.worker_tweets (id text PRIMARY KEY, body text)`)
    const twitterApi = await startTwitterApi({ bearerToken: TOKEN, tweets: 1_000, ratePerSecond: 200, keepAliveMs: 1_000 })
    const cut = await startTcpProxy(servers().cassandra.contactPoints[0] ?? '')
    const worker = await startPipeWorker([], { PIPE_PROBE_TWITTER_TOKEN: TOKEN })
    const post = (name: string, config: Record<string, string>): Promise<Response> =>
      fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) })
    const status = async (): Promise<{ tasks: { state: string; problem?: string }[] }> =>
      (await (await fetch(`${worker.url}/connectors/w-sink/status`)).json()) as { tasks: { state: string; problem?: string }[] }
    try {
      expect((await post('w-source', { 'connector.class': 'pipe:twitter-source', 'api.url': twitterApi.url, 'bearer.token': '${env:PIPE_PROBE_TWITTER_TOKEN}', rules: '["kafka"]', topic: 'w-tweets', ...JSON_VALUES })).status).toBe(201)
      expect((await post('w-sink', {
        'connector.class': 'pipe:cassandra-sink', topics: 'w-tweets', 'contact.points': cut.address, keyspace, table: 'worker_tweets',
        columns: '{"id":"id","body":"text"}', 'retry.backoff.max.ms': '1000', 'reconnect.delay.ms': '200', ...JSON_VALUES,
      })).status).toBe(201)
      await until('100 rows', async () => (await count('worker_tweets')) >= 100, 60_000, () => worker.output())
      await cut.cut()
      let seen = { tasks: [] as { state: string; problem?: string }[] }
      await until('a problem in the status', async () => {
        seen = await status()
        return seen.tasks[0]?.problem !== undefined
      }, 60_000, () => worker.output())
      expect(seen.tasks[0]?.state).toBe('RUNNING')
      expect(seen.tasks[0]?.problem).toMatch(PROBLEM)
      const task = (await (await fetch(`${worker.url}/connectors/w-sink/tasks/0/status`)).json()) as { problem?: string }
      expect(task.problem).toMatch(PROBLEM)
      await cut.restore()
      await until('no more problem', async () => (await status()).tasks[0]?.problem === undefined, 60_000, () => worker.output())
      await until('1,000 rows', async () => (await count('worker_tweets')) >= 1_000, 60_000, () => worker.output())
      expect(JSON.stringify(seen) + JSON.stringify(task) + worker.output()).not.toContain(TOKEN)
    } finally {
      await worker.stop()
      await cut.close()
      await twitterApi.close()
    }
  })
})
