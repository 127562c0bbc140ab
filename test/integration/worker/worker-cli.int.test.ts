// @servers
import { spawnSync } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freePort, startPipeWorker } from './pipe-worker.js'

const BIN = resolve(import.meta.dirname, '../../../packages/cli/bin/pipe.js')
const pipe = (...args: string[]): { status: number | null; stderr: string } => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 })
  return { status: result.status, stderr: result.stderr }
}

describe('pipe worker on the command line', () => {
  it('requires the bearer token given with --auth-token', async () => {
    const worker = await startPipeWorker(['--auth-token', 'tok-123'])
    try {
      const denied = await fetch(`${worker.url}/connectors`)
      expect(denied.status).toBe(401)
      expect(await denied.json()).toMatchObject({ error_code: 401 })
      expect((await fetch(`${worker.url}/connectors`, { headers: { authorization: 'Bearer tok-123' } })).status).toBe(200)
    } finally {
      expect(await worker.stop()).toBe(0)
    }
  })

  it('takes the bearer token from --auth-token-file or PIPE_AUTH_TOKEN, out of sight of ps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-worker-cli-'))
    await writeFile(join(dir, 'token'), 'tok-file\n')
    for (const worker of [await startPipeWorker(['--auth-token-file', join(dir, 'token')]), await startPipeWorker([], { PIPE_AUTH_TOKEN: 'tok-env' })]) {
      try {
        expect((await fetch(`${worker.url}/connectors`)).status).toBe(401)
        const ok = await Promise.all(['tok-file', 'tok-env'].map(async (t) => (await fetch(`${worker.url}/connectors`, { headers: { authorization: `bearer ${t}` } })).status))
        expect(ok.filter((status) => status === 200)).toHaveLength(1)
      } finally {
        expect(await worker.stop()).toBe(0)
      }
    }
    const missing = pipe('worker', '--auth-token-file', join(dir, 'nope'))
    expect(missing).toMatchObject({ status: 1, stderr: expect.stringContaining(`cannot read --auth-token-file '${join(dir, 'nope')}' (ENOENT)`) as unknown })
  })

  it('serves the API on every listener of --listeners, as Kafka Connect does', async () => {
    const urls = [`http://127.0.0.1:${String(await freePort())}`, `http://127.0.0.1:${String(await freePort())}`]
    const worker = await startPipeWorker(['--listeners', urls.join(',')])
    try {
      await fetch(`${urls[0] ?? ''}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'two-ears', config: { 'connector.class': 'FileStreamSink', topics: 'two-ears' } }) })
      for (const url of urls) expect(await (await fetch(`${url}/connectors`)).json()).toEqual(['two-ears'])
      expect(worker.output()).toContain(`REST API listening on ${urls.join(', ')}`)
    } finally {
      expect(await worker.stop()).toBe(0)
    }
  })

  it('starts the connectors of .properties and .json files and serves them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-worker-cli-'))
    await writeFile(join(dir, 'in.txt'), 'x\n')
    await writeFile(join(dir, 'src.properties'), `name=cli-src\nconnector.class=FileStreamSource\nfile=${join(dir, 'in.txt')}\ntopic=cli-t\n`)
    await writeFile(join(dir, 'snk.json'), JSON.stringify({ name: 'cli-snk', config: { 'connector.class': 'FileStreamSink', topics: 'cli-t', file: join(dir, 'out.txt') }, initial_state: 'PAUSED' }))
    const worker = await startPipeWorker([join(dir, 'src.properties'), join(dir, 'snk.json')])
    try {
      expect(await (await fetch(`${worker.url}/connectors`)).json()).toEqual(['cli-src', 'cli-snk'])
      const status = await (await fetch(`${worker.url}/connectors/cli-snk/status`)).json() as { connector: { state: string } }
      expect(status.connector.state).toBe('PAUSED')
    } finally {
      expect(await worker.stop()).toBe(0)
    }
  })

  it('exits 1 with one line for distributed mode, a bad listener or an invalid connector file', async () => {
    const distributed = pipe('worker', '--group-id', 'g1')
    expect(distributed.status).toBe(1)
    expect(distributed.stderr).toContain("distributed mode (--group-id 'g1') needs Kafka")
    const files = pipe('worker', '--group-id', 'g1', '--bootstrap-servers', '127.0.0.1:9', 'a.json')
    expect(files).toMatchObject({ status: 1, stderr: expect.stringContaining("a distributed worker takes no connector files (got 'a.json')") as unknown })
    const listener = pipe('worker', '--listeners', '127.0.0.1:8083')
    expect(listener).toMatchObject({ status: 1, stderr: expect.stringContaining('expected http://host:port') as unknown })
    const dir = await mkdtemp(join(tmpdir(), 'pipe-worker-cli-'))
    await writeFile(join(dir, 'bad.properties'), 'name=bad\nconnector.class=FileStreamSink\n')
    const bad = pipe('worker', '--listeners', 'http://127.0.0.1:0', '--state-dir', join(dir, 'state'), join(dir, 'bad.properties'))
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('Must configure one of topics or topics.regex')
  })
})
