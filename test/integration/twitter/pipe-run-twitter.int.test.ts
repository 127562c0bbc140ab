// @servers cassandra
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { cassandraClient, createKeyspace } from '../cassandra/sink-harness.js'
import { TOKEN } from './source-harness.js'

// The committed pipelines/twitter.ts, run by the built CLI exactly as the README says, pointed at
// the local Twitter API and the test's Cassandra node through the variables the pipeline reads.
const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
const TWEETS = 6_000

interface PipeRun {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<number | null>
}

function pipeRun(args: readonly string[], env: Readonly<Record<string, string>>): PipeRun {
  const child = spawn(process.execPath, [BIN, 'run', 'pipelines/twitter.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((done) => { child.once('exit', (code) => { done(code) }) })
  return { child, output: () => output, exited }
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, run?: PipeRun): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (run?.child.exitCode !== null && run !== undefined) throw new Error(`pipe run exited (${String(run.child.exitCode)}) before ${what}:\n${run.output()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${run === undefined ? '' : `:\n${run.output()}`}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('pipe run pipelines/twitter.ts', () => {
  const client = cassandraClient()
  let keyspace = ''
  let api: TwitterApiServer | undefined
  const runs: PipeRun[] = []
  beforeAll(async () => {
    keyspace = await createKeyspace(client, 'pipe_run_twitter')
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text, author text)`)
  })
  afterAll(async () => {
    for (const run of runs) run.child.kill('SIGKILL')
    await api?.close()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  const count = async (): Promise<number> => Number((await client.execute(`SELECT count(*) FROM ${keyspace}.tweets`)).first()['count'])

  it('says in one line which variable to set when TWITTER_BEARER_TOKEN is missing', async () => {
    const env = { ...process.env }
    delete env['TWITTER_BEARER_TOKEN']
    const unset = spawn(process.execPath, [BIN, 'run', 'pipelines/twitter.ts'], { cwd: ROOT, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    unset.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const code = await new Promise<number | null>((done) => { unset.once('exit', (c) => { done(c) }) })
    expect(code).toBe(1)
    expect(stderr).toBe("pipe run: error PIPE_UNRESOLVED_CONFIG: environment variable TWITTER_BEARER_TOKEN is not set ('bearer.token' is ${env:TWITTER_BEARER_TOKEN}): set it where pipe runs, e.g. export TWITTER_BEARER_TOKEN=<value>\n")
  })

  it('loses no tweet when killed with SIGKILL mid-stream and restarted', { timeout: 180_000 }, async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: TWEETS, ratePerSecond: 500, keepAliveMs: 1_000 })
    const stateDir = await mkdtemp(join(tmpdir(), 'pipe-run-twitter-'))
    const env = { TWITTER_BEARER_TOKEN: TOKEN, TWITTER_API_URL: api.url, CASSANDRA_CONTACT_POINTS: servers().cassandra.contactPoints.join(','), CASSANDRA_KEYSPACE: keyspace }

    // GIVEN a run that has written part of the stream
    const first = pipeRun(['--state-dir', stateDir], env)
    runs.push(first)
    await until('1,000 rows from the first run', async () => ((await count()) >= 1_000 ? true : undefined), 60_000, first)
    // WHEN it is killed mid-stream, and tweets go on being published while nothing listens
    first.child.kill('SIGKILL')
    expect(await first.exited).toBeNull()
    const atKill = await count()
    expect(atKill).toBeLessThan(TWEETS)
    await new Promise((r) => setTimeout(r, 1_500))

    // THEN a restart on the same state backfills the gap and streams the rest, each tweet once
    const second = pipeRun(['--state-dir', stateDir], env)
    runs.push(second)
    await until(`${String(TWEETS)} rows`, async () => ((await count()) >= TWEETS ? true : undefined), 120_000, second)
    // Ctrl-C: a graceful stop (batches finished, offsets flushed), exit 0
    second.child.kill('SIGINT')
    expect(await second.exited).toBe(0)
    const rows = await client.execute(`SELECT id, body, author FROM ${keyspace}.tweets`, [], { fetchSize: 10_000 })
    const ids = rows.rows.map((r) => String(r['id']))
    expect(ids.length).toBe(TWEETS)
    expect(new Set(ids).size).toBe(TWEETS)
    expect([...ids].sort()).toEqual([...api.allIds].sort())
    expect(rows.rows.every((r) => typeof r['body'] === 'string' && typeof r['author'] === 'string')).toBe(true)
    // the restart resumed from the committed since_id: it backfilled through recent search
    expect(api.served.requests.some((r) => r.path === '/2/tweets/search/recent' && r.query['since_id'] !== undefined)).toBe(true)
    expect(first.output() + second.output()).not.toContain(TOKEN)
  })
})
