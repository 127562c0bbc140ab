// @servers kafka
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { readTopic } from '../../support/read-topic.js'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'
import { TOKEN } from './source-harness.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
const TWEETS = 300

describe('tweets of the local Twitter API in a Kafka topic', () => {
  let api: TwitterApiServer | undefined
  afterAll(async () => { await api?.close() })

  it('are stamped with the time they were published, so the default 7-day retention keeps them', { timeout: 120_000 }, async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: TWEETS, ratePerSecond: 300 })
    const name = `tweet-ts-${Date.now().toString(36)}`
    const before = Date.now()
    const child = spawn(process.execPath, [BIN, 'run', 'test/fixtures/run/twitter-to-topic.ts', '--bootstrap-servers', servers().kafka.bootstrapServers, '--offsets-topic', `${name}-offsets`, '--max-idle', '3s'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', PIPE_FIXTURE_NAME: name, TWITTER_BEARER_TOKEN: TOKEN, TWITTER_API_URL: api.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const code = await new Promise<number | null>((done) => { child.once('exit', done) })
    expect(code, output).toBe(0)
    const after = Date.now()

    const records = await readTopic([servers().kafka.bootstrapServers], `${name}-tweets`, TWEETS, { settleMs: 500 })
    expect(records).toHaveLength(TWEETS)
    const outside = records.filter((r) => r.timestamp < before || r.timestamp > after)
    expect(outside.map((r) => new Date(r.timestamp).toISOString()).slice(0, 3)).toEqual([])
    // the record timestamp is the tweet's created_at, as on the real stream
    const createdAt = records.map((r) => Date.parse((JSON.parse(r.value ?? '{}') as { created_at?: string }).created_at ?? ''))
    expect(createdAt).toEqual(records.map((r) => r.timestamp))
  })
})
