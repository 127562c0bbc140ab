// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { readFile, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMBeans } from '../../infra/jmx/jmx.js'
import { servers } from '../../infra/servers.js'
import { startPipeWorker } from '../worker/pipe-worker.js'

const RECORDS = 300
const run = `jmx${randomUUID().slice(0, 8)}`
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => { for (const c of cleanups.reverse()) await c() })

/** The same metrics, as Kafka Connect's MBean attributes and as pipe's Prometheus names. */
const SAME = [
  { group: 'source-task-metrics', attribute: 'source-record-poll-total', role: 'src' },
  { group: 'source-task-metrics', attribute: 'source-record-write-total', role: 'src' },
  { group: 'sink-task-metrics', attribute: 'sink-record-read-total', role: 'sink' },
  { group: 'sink-task-metrics', attribute: 'sink-record-send-total', role: 'sink' },
  { group: 'task-error-metrics', attribute: 'total-record-errors', role: 'src' },
  { group: 'task-error-metrics', attribute: 'total-records-skipped', role: 'sink' },
  { group: 'connector-task-metrics', attribute: 'batch-size-max', role: 'src' },
] as const

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 90_000
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

const lines = async (file: string): Promise<number> => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '').length

/** A file source and a file sink through one topic, posted to a worker's REST API. */
async function deploy(url: string, prefix: string, dir: string, headers: Record<string, string> = {}): Promise<string> {
  const input = join(dir, 'in.txt')
  const output = join(dir, `${prefix}-out.txt`)
  const post = async (name: string, config: Record<string, string>): Promise<void> => {
    const response = await fetch(`${url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, config }) })
    if (response.status !== 201) throw new Error(`POST ${name}: ${String(response.status)} ${await response.text()}`)
    cleanups.push(() => fetch(`${url}/connectors/${name}`, { method: 'DELETE', headers }))
  }
  await post(`${prefix}-src`, { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: input, topic: `${run}-lines`, 'tasks.max': '1' })
  await post(`${prefix}-sink`, { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: output, topics: `${run}-lines`, 'tasks.max': '1' })
  return output
}

describe('Kafka Connect\'s JMX metrics and pipe\'s /metrics', () => {
  it('agree on the totals of the same file pipeline', async () => {
    const jmx = servers().connect.jmx
    if (jmx === undefined) throw new Error('the connect server has no JMX port: restart it with this checkout\'s test/infra (pnpm infra down connect && pnpm infra up connect)')
    const dir = await mkdtemp(join(tmpdir(), 'pipe-jmx-parity-'))
    await writeFile(join(dir, 'in.txt'), Array.from({ length: RECORDS }, (_, i) => `{"n":${String(i)}}`).join('\n') + '\n')
    // GIVEN the same pipeline on the real Kafka Connect and on pipe worker
    const connectOut = await deploy(servers().connect.url, `${run}-kc`, dir)
    const worker = await startPipeWorker()
    cleanups.push(() => worker.stop())
    const pipeOut = await deploy(worker.url, `${run}-pipe`, dir)
    await until(async () => await lines(connectOut) === RECORDS && await lines(pipeOut) === RECORDS, 'both outputs complete')
    // WHEN both report their metrics (Kafka Connect's flushes its counters with the batch: wait until its totals stand still)
    const kafkaConnect = async (): Promise<Record<string, number | undefined>> => {
      const beans = await readMBeans(jmx, ['kafka.connect:type=source-task-metrics,*', 'kafka.connect:type=sink-task-metrics,*', 'kafka.connect:type=task-error-metrics,*', 'kafka.connect:type=connector-task-metrics,*'])
      return Object.fromEntries(SAME.map((m) => {
        const bean = beans[`kafka.connect:type=${m.group},connector=${run}-kc-${m.role},task=0`]
        const v = bean?.[m.attribute]
        return [m.attribute, typeof v === 'number' ? v : undefined]
      }))
    }
    await until(async () => { const k = await kafkaConnect(); return k['sink-record-send-total'] === RECORDS && k['source-record-write-total'] === RECORDS }, 'Kafka Connect\'s totals')
    const text = await (await fetch(`${worker.url}/metrics`)).text()
    const pipe = Object.fromEntries(SAME.map((m) => {
      const name = `kafka_connect_${m.group.replaceAll('-', '_')}_${m.attribute.replaceAll('-', '_')}{connector="${run}-pipe-${m.role}",task="0"} `
      const line = text.split('\n').find((l) => l.startsWith(name))
      return [m.attribute, line === undefined ? undefined : Number(line.slice(name.length))]
    }))
    // THEN the totals agree
    const connect = await kafkaConnect()
    const totals = SAME.filter((m) => m.attribute.endsWith('-total') || m.attribute.startsWith('total-')).map((m) => m.attribute)
    expect(Object.fromEntries(totals.map((a) => [a, pipe[a]]))).toEqual(Object.fromEntries(totals.map((a) => [a, connect[a]])))
    expect(pipe['source-record-poll-total']).toBe(RECORDS)
    // the batch sizes depend on each engine's poll, but are both real batches of this file
    expect(connect['batch-size-max']).toBeGreaterThan(0)
    expect(pipe['batch-size-max']).toBeGreaterThan(0)
  })
})
