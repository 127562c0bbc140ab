// @servers kafka connect
import { existsSync } from 'node:fs'
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const STRING = 'org.apache.kafka.connect.storage.StringConverter'
const run = Date.now().toString(36)
let worker: PipeWorker

beforeAll(async () => { worker = await startPipeWorker() })
afterAll(async () => { await worker.stop() })

async function call(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } }
  if (body !== undefined) init.body = JSON.stringify(body)
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${url}${path}`, init)
    const text = await response.text()
    if (response.status === 409 && attempt < 20) { await new Promise((r) => setTimeout(r, 500)); continue }
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as unknown }
  }
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 60_000
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

const fileIs = (file: string, text: string) => async (): Promise<boolean> => existsSync(file) && (await readFile(file, 'utf8')) === text

async function scenario(label: string, url: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `pipe-offsets-${label}-`))
  const input = join(dir, 'in.txt')
  const output = join(dir, 'out.txt')
  await writeFile(input, 'a\nb\n')
  const src = `offsets-${label}-${run}-src`
  const snk = `offsets-${label}-${run}-snk`
  const topic = `offsets-${label}-${run}`
  const converters = { 'key.converter': STRING, 'value.converter': STRING }
  expect((await call(url, 'POST', '/connectors', { name: src, config: { 'connector.class': 'FileStreamSource', file: input, topic, ...converters } })).status).toBe(201)
  expect((await call(url, 'POST', '/connectors', { name: snk, config: { 'connector.class': 'FileStreamSink', file: output, topics: topic, ...converters } })).status).toBe(201)
  try {
    await until(`${label}: a, b in the sink file`, fileIs(output, 'a\nb\n'))
    // WHEN the source is stopped, two lines are appended, and its position is moved past the first of them
    expect((await call(url, 'PUT', `/connectors/${src}/stop`)).status).toBe(204)
    await until(`${label}: STOPPED`, async () => {
      const text = JSON.stringify((await call(url, 'GET', `/connectors/${src}/status`)).body)
      return text.includes('"state":"STOPPED"') && text.includes('"tasks":[]')
    })
    await appendFile(input, 'c\nd\n')
    const altered = await call(url, 'PATCH', `/connectors/${src}/offsets`, { offsets: [{ partition: { filename: input }, offset: { position: 6 } }] })
    expect(altered).toEqual({ status: 200, body: { message: 'The offsets for this connector have been altered successfully' } })
    expect((await call(url, 'GET', `/connectors/${src}/offsets`)).body).toEqual({ offsets: [{ partition: { filename: input }, offset: { position: 6 } }] })
    expect((await call(url, 'PUT', `/connectors/${src}/resume`)).status).toBe(202)
    // THEN it continues from the new position: c is skipped
    await until(`${label}: d after a, b`, fileIs(output, 'a\nb\nd\n'))
  } finally {
    await call(url, 'DELETE', `/connectors/${src}`)
    await call(url, 'DELETE', `/connectors/${snk}`)
  }
}

describe('altering a file source position', () => {
  it('continues from the new position on Apache Kafka Connect', async () => {
    await scenario('connect', servers().connect.url)
  }, 120_000)

  it('continues from the new position on pipe worker', async () => {
    await scenario('pipe', worker.url)
  }, 120_000)
})
