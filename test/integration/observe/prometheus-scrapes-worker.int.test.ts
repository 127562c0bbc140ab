// @servers prometheus
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'

const RECORDS = 500
const run = `obs${randomUUID().slice(0, 8)}`
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => { for (const c of cleanups.reverse()) await c() })

/** One instant query through Prometheus's HTTP API: each series' labels and value. */
async function query(expr: string): Promise<{ labels: Record<string, string>; value: number }[]> {
  const response = await fetch(`${servers().prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`)
  const body = await response.json() as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } }
  if (body.status !== 'success') throw new Error(`prometheus refused ${expr}: ${body.error ?? ''}`)
  return body.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }))
}

/** Polls a query until `check` holds (60 s at most: Prometheus scrapes every second). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 60_000
  let last: T | undefined
  while (Date.now() < end) {
    last = await read()
    if (check(last)) return last
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${what}: still ${JSON.stringify(last)} after 60 s`)
}

const sel = (name: string, connector: string): string => `${name}{pipe_test="${run}",connector="${connector}"}`

describe('Prometheus scraping pipe worker', () => {
  it('counts the records of a file pipeline per connector and task, and sees the sink\'s lag fall to 0', async () => {
    const worker: PipeWorker = await startPipeWorker()
    cleanups.push(() => worker.stop())
    const input = join(worker.stateDir, 'in.txt')
    await writeFile(input, Array.from({ length: RECORDS }, (_, i) => `line ${String(i)}`).join('\n') + '\n')
    // GIVEN Prometheus scrapes the worker's /metrics (a file_sd target of this test)
    const target = join(servers().prometheus.targetsDir, `${run}.json`)
    await writeFile(target, JSON.stringify([{ targets: [new URL(worker.url).host], labels: { pipe_test: run } }]))
    cleanups.push(() => rm(target, { force: true }))
    // WHEN a file source runs and its sink is created PAUSED, then resumed
    const topic = `${run}-lines`
    const post = (body: unknown): Promise<Response> => fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post({ name: `${run}-src`, config: { 'connector.class': 'FileStreamSource', file: input, topic } })).status).toBe(201)
    expect((await post({ name: `${run}-sink`, config: { 'connector.class': 'FileStreamSink', file: join(worker.stateDir, 'out.txt'), topics: topic }, initial_state: 'PAUSED' })).status).toBe(201)
    // THEN Prometheus has the source's totals for its task 0, and the paused sink's lag
    const polled = await eventually(() => query(sel('kafka_connect_source_task_metrics_source_record_poll_total', `${run}-src`)), (r) => r[0]?.value === RECORDS, 'poll total')
    expect(polled).toEqual([{ labels: expect.objectContaining({ connector: `${run}-src`, task: '0', __name__: 'kafka_connect_source_task_metrics_source_record_poll_total' }) as unknown, value: RECORDS }])
    expect((await query(sel('kafka_connect_source_task_metrics_source_record_write_total', `${run}-src`)))[0]?.value).toBe(RECORDS)
    await eventually(() => query(sel('kafka_connect_sink_task_metrics_sink_record_lag_max', `${run}-sink`)), (r) => r[0]?.value === RECORDS, 'lag of the paused sink')
    await eventually(() => query(`${sel('kafka_connect_connector_task_metrics_status', `${run}-sink`).slice(0, -1)},status="paused"}`), (r) => r.length === 1, 'paused task')
    expect((await fetch(`${worker.url}/connectors/${run}-sink/resume`, { method: 'PUT' })).status).toBe(202)
    await eventually(() => query(sel('kafka_connect_sink_task_metrics_sink_record_send_total', `${run}-sink`)), (r) => r[0]?.value === RECORDS, 'send total')
    await eventually(() => query(sel('kafka_connect_sink_task_metrics_sink_record_lag_max', `${run}-sink`)), (r) => r[0]?.value === 0, 'lag after resume')
    expect((await query(sel('kafka_connect_sink_task_metrics_sink_record_read_total', `${run}-sink`)))[0]?.labels['task']).toBe('0')
    // the lag Prometheus stored went from all the records to none
    const peak = await query(`max_over_time(${sel('kafka_connect_sink_task_metrics_sink_record_lag_max', `${run}-sink`)}[5m])`)
    expect(peak[0]?.value).toBe(RECORDS)
    const workerCount = await query(`kafka_connect_connect_worker_metrics_connector_count{pipe_test="${run}"}`)
    expect(workerCount[0]?.value).toBe(2)
    // pipe's own: the embedded store's size on disk, and the sink's end-to-end latency
    expect((await query(`pipe_embedded_store_bytes{pipe_test="${run}"}`))[0]?.value).toBeGreaterThan(0)
    expect((await query(sel('pipe_sink_record_latency_max_ms', `${run}-sink`)))[0]?.value).toBeGreaterThanOrEqual(0)
  })
})
