// @servers connect
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'
import { kafkaLine } from '../../infra/versions.js'

const run = Date.now().toString(36)
let worker: PipeWorker
let input: string
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipe-names-'))
  input = join(dir, 'in.txt')
  await writeFile(input, 'one\n')
  worker = await startPipeWorker()
}, 60_000)

afterAll(async () => { expect(await worker.stop()).toBe(0) }, 90_000)

const config = (): Record<string, string> => ({ 'connector.class': 'FileStreamSource', file: input, topic: `names-${run}` })
const post = (url: string, name: string) => connectRequest(url, 'POST', '/connectors', { name, config: config() })

describe('connector names on pipe worker', () => {
  it('refuses the names Kafka Connect 3.9.1 refuses, with its answer', async () => {
    for (const name of ['a\nb', `x${run}\t\u0001\u009f`, 'a\u007fb', '', '   ']) {
      const real = await post(servers().connect.url, name)
      const pipe = await post(worker.url, name)
      expect({ name, status: pipe.status, body: pipe.body }).toEqual({ name, status: real.status, body: real.body })
      expect(pipe.status).toBe(400)
    }
  }, 60_000)

  it('accepts, serves and deletes the names Kafka Connect serves, trimmed as Java trims', async () => {
    const names = [`sl/${run}`, `pc%2F${run}`, `  sp${run}  `, `na\u00efve-\u540d-\u{1F600}-${run}`, `q?#;+ ${run}`]
    // Kafka Connect 4.x (Jetty 12) answers 400 to a path holding an encoded '/' or '%' (%2F, %25): it creates such a
    // connector and then cannot serve or delete it (seen on 4.4.0); pipe worker serves them as Kafka Connect 3.9 did
    const connectServes = (name: string): boolean => kafkaLine().kafka.startsWith('3.') || !/[/%]/.test(name)
    for (const name of names) {
      for (const url of connectServes(name) ? [servers().connect.url, worker.url] : [worker.url]) {
        const created = await post(url, name)
        const stored = (created.body as { name: string }).name
        expect({ url, name, status: created.status }).toEqual({ url, name, status: 201 })
        expect(stored).toBe(name.replace(/^ +| +$/g, '')) // Java's trim
        if (url === worker.url) expect((await connectRequest(url, 'GET', `/connectors/${encodeURIComponent(stored)}`)).status).toBe(200)
        expect((await connectRequest(url, 'DELETE', `/connectors/${encodeURIComponent(stored)}`)).status).toBe(204)
      }
    }
  }, 90_000)

  it('refuses ., .. and names too long for a URL, which Kafka Connect creates and then cannot read or delete', async () => {
    for (const name of ['.', '..', 'x'.repeat(200_000), '\u{1F600}'.repeat(400)]) {
      const answer = await post(worker.url, name)
      expect(answer.status).toBe(400)
      expect((answer.body as { message: string }).message).toMatch(/^Connector configuration is invalid and contains the following 1 error\(s\):\nInvalid value .{1,100} for configuration name: /)
    }
    expect((await connectRequest(worker.url, 'GET', '/connectors')).body).toEqual([])
    // Java's trim keeps U+00A0 (Kafka Connect then cannot serve such a name; pipe can)
    expect((await post(worker.url, '\u00a0nb')).body).toMatchObject({ name: '\u00a0nb' })
    expect((await connectRequest(worker.url, 'DELETE', '/connectors/%C2%A0nb')).status).toBe(204)
  }, 60_000)

  it('escapes control characters of user values in its log, so that no line can be forged', async () => {
    const forged = '[2026-01-01T00:00:00.000Z] INFO connector admin configured'
    const file = join(input, `x\n${forged}`) // under a regular file: the sink task fails, naming the path
    const created = await connectRequest(worker.url, 'POST', '/connectors', { name: `log-${run}`, config: { 'connector.class': 'FileStreamSink', file, topics: `names-${run}` } })
    expect(created.status).toBe(201)
    await waitFor('the failed sink task in the log', () => Promise.resolve(worker.output().includes(`log-${run} task 0 is FAILED`) ? true : undefined), 30_000)
    expect(worker.output().split('\n').filter((line) => line.startsWith(forged))).toEqual([])
    expect(worker.output()).toContain(`x\\n${forged}`)
  }, 60_000)
})
