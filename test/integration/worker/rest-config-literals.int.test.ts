// @servers kafka connect
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const run = Date.now().toString(36)
// numbers Jackson reads into String config values by their text; a key that is not a prototype
const NUMBERS = '"a":12345678901234567890,"b":1.0,"c":1e3,"d":-0.0,"e":9007199254740993,"f":1E+2,"g":-0,"h":0.10,"i":true'
const KEYS = '"__proto__":"p","constructor":"c","toString":"t"'
const workers: PipeWorker[] = []
const created: [string, string][] = []

afterAll(async () => {
  await Promise.all(created.map(([url, name]) => fetch(`${url}/connectors/${name}`, { method: 'DELETE', signal: AbortSignal.timeout(20_000) }).catch(() => undefined)))
  expect(await Promise.all(workers.map((w) => w.stop()))).toEqual(workers.map(() => 0))
}, 120_000)

/** Creates, replaces and patches one connector with number literals; returns the config after each. */
async function roundTrips(url: string, label: string): Promise<unknown[]> {
  const dir = await mkdtemp(join(tmpdir(), `pipe-literals-${label}-`))
  const name = `literals-${label}-${run}`
  const base = `"connector.class":"FileStreamSink","tasks.max":1,"topics":"literals-${run}","file":${JSON.stringify(join(dir, 'out.txt'))}`
  created.push([url, name])
  const answers: unknown[] = []
  const post = await connectRequest(url, 'POST', '/connectors', `{"name":"${name}","config":{${base},${NUMBERS},${KEYS}}}`)
  expect(post.status, JSON.stringify(post.body)).toBe(201)
  answers.push((await connectRequest(url, 'GET', `/connectors/${name}/config`)).body)
  const put = await connectRequest(url, 'PUT', `/connectors/${name}/config`, `{${base},"x":1.50,"y":-1E-7,${KEYS}}`)
  expect(put.status, JSON.stringify(put.body)).toBe(200)
  answers.push((await connectRequest(url, 'GET', `/connectors/${name}/config`)).body)
  const patch = await connectRequest(url, 'PATCH', `/connectors/${name}/config`, '{"x":2.0e0,"__proto__":"q"}')
  expect(patch.status, JSON.stringify(patch.body)).toBe(200)
  answers.push((await connectRequest(url, 'GET', `/connectors/${name}/config`)).body)
  // the file and the name differ per engine; every other key and value must be the same
  return answers.map((a) => Object.entries(a as Record<string, string>).filter(([k]) => k !== 'file' && k !== 'name').sort(([x], [y]) => (x < y ? -1 : 1)))
}

describe('config values in REST bodies', () => {
  it('keep the text of number literals and every key, as Apache Kafka Connect keeps them', async () => {
    const worker = await startPipeWorker()
    workers.push(worker)
    const real = await roundTrips(servers().connect.url, 'connect')
    const pipe = await roundTrips(worker.url, 'pipe')
    expect(real[0]).toContainEqual(['a', '12345678901234567890'])
    expect(real[0]).toContainEqual(['__proto__', 'p'])
    expect(pipe).toEqual(real)
  }, 120_000)

  it('keep them through a distributed worker\'s config topic too', async () => {
    const worker = await startPipeWorker(['--group-id', `literals-${run}`, '--bootstrap-servers', servers().kafka.bootstrapServers])
    workers.push(worker)
    const real = await roundTrips(servers().connect.url, 'connect2')
    const pipe = await roundTrips(worker.url, 'pipe2')
    expect(pipe).toEqual(real)
  }, 120_000)
})
