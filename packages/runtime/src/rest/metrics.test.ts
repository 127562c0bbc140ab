import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { METRIC_DEFINITIONS } from '../metrics/metric-definitions.js'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker | undefined
afterEach(async () => {
  await w?.server.close()
  w = undefined
})

const SENTINEL = 's3cr3t-sentinel-7f1d'

async function scrape(t: TestWorker, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${t.server.url}/metrics`, { headers })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

/** The value of a sample line `name{labels} value`, labels in prom-client's order. */
function valueOf(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `) || (labels === '' && l.startsWith(`${name} `)))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('GET /metrics on pipe worker', () => {
  it('counts the records of a file source and sink with Kafka Connect\'s metric names, per connector and task', async () => {
    const t = w = await startTestWorker({ env: { SENTINEL_VAR: SENTINEL } })
    await t.call('POST', '/connectors', { name: 'm-src', config: { 'connector.class': 'FileStreamSource', file: join(t.dir, 'in.txt'), topic: 'm-lines', 'x.secret': '${env:SENTINEL_VAR}' } })
    await t.call('POST', '/connectors', { name: 'm-sink', config: { 'connector.class': 'FileStreamSink', file: join(t.dir, 'out.txt'), topics: 'm-lines' } })
    await until(async () => valueOf((await scrape(t)).text, 'kafka_connect_sink_task_metrics_sink_record_send_total', 'connector="m-sink",task="0"') === 3)
    const { status, type, text } = await scrape(t)
    expect(status).toBe(200)
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(valueOf(text, 'kafka_connect_source_task_metrics_source_record_poll_total', 'connector="m-src",task="0"')).toBe(3)
    expect(valueOf(text, 'kafka_connect_source_task_metrics_source_record_write_total', 'connector="m-src",task="0"')).toBe(3)
    expect(valueOf(text, 'kafka_connect_sink_task_metrics_sink_record_read_total', 'connector="m-sink",task="0"')).toBe(3)
    expect(valueOf(text, 'kafka_connect_connector_metrics_status', 'connector="m-src",status="running"')).toBe(1)
    expect(valueOf(text, 'kafka_connect_connector_task_metrics_status', 'connector="m-sink",task="0",status="running"')).toBe(1)
    expect(valueOf(text, 'kafka_connect_connect_worker_metrics_connector_count', '')).toBe(2)
    expect(valueOf(text, 'kafka_connect_connect_worker_metrics_task_startup_success_total', '')).toBe(2)
    expect(valueOf(text, 'kafka_connect_connector_task_metrics_batch_size_max', 'connector="m-src",task="0"')).toBe(3)
    // the sink's end-to-end latency: put done minus the records' timestamps; the memory store has no size on disk
    const latency = valueOf(text, 'pipe_sink_record_latency_max_ms', 'connector="m-sink",task="0"')
    expect(latency).toBeGreaterThanOrEqual(0)
    expect(latency).toBeLessThan(60_000)
    expect(valueOf(text, 'pipe_sink_record_latency_avg_ms', 'connector="m-sink",task="0"')).toBeLessThanOrEqual(latency ?? -1)
    expect(valueOf(text, 'pipe_sink_record_latency_max_ms', 'connector="m-src",task="0"')).toBeUndefined()
    expect(text).not.toMatch(/^pipe_embedded_store_bytes /m)
    // a standalone worker has no group: no rebalance figures (Kafka Connect's standalone worker has no such MBean)
    expect(text).not.toMatch(/^kafka_connect_connect_worker_rebalance_metrics_\w+ /m)
    expect(text).not.toContain(SENTINEL)
  })

  it('shows a paused task\'s state and pause-ratio', async () => {
    const t = w = await startTestWorker()
    await t.call('POST', '/connectors', { name: 'p-src', config: { 'connector.class': 'FileStreamSource', file: join(t.dir, 'in.txt'), topic: 'p-lines' } })
    await until(async () => (await scrape(t)).text.includes('connector="p-src",task="0",status="running"'))
    await t.call('PUT', '/connectors/p-src/pause')
    await until(async () => (await scrape(t)).text.includes('connector="p-src",task="0",status="paused"'))
    await new Promise((r) => setTimeout(r, 50))
    expect(valueOf((await scrape(t)).text, 'kafka_connect_connector_task_metrics_pause_ratio', 'connector="p-src",task="0"')).toBeGreaterThan(0)
  })

  it('asks for the same credentials as the REST API', async () => {
    const t = w = await startTestWorker({ auth: { kind: 'bearer', token: 'tok' } })
    expect((await scrape(t)).status).toBe(401)
    expect((await scrape(t, { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await scrape(t, { authorization: 'Bearer tok' })).status).toBe(200)
  })

  it('documents every metric in the README table', async () => {
    const { readFile } = await import('node:fs/promises')
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8')
    const missing = METRIC_DEFINITIONS.filter((d) => !readme.includes(`\`${d.name}\``)).map((d) => d.name)
    expect(missing).toEqual([])
  })
})
