// @servers
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmbeddedTopicBackend } from '../../../packages/runtime/src/index.js'
import { startPipeWorker } from './pipe-worker.js'

/** The acceptance is 5 minutes; PIPE_SOAK_SECONDS=30 to iterate. */
const SECONDS = Number(process.env['PIPE_SOAK_SECONDS'] ?? '300')
/** The datagen topic's bound (retention.bytes, one partition). */
const BOUND = 64 * 2 ** 20
const CALLS = ['/connectors', '/connectors/soak-gen/status', '/connectors/soak-lines/status', '/connectors/soak-sink/status', '/connectors/soak-lines/offsets']

const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1] ?? 0) * 1024
/** pipe.db, its WAL and the segment files of every partition (retention deletes them while they are walked). */
function storeSize(dir: string): number {
  const size = (path: string): number => { try { return statSync(path).size } catch { return 0 } }
  const list = (path: string): string[] => { try { return readdirSync(path) } catch { return [] } }
  const segments = list(join(dir, 'segments')).flatMap((p) => list(join(dir, 'segments', p)).map((f) => join(dir, 'segments', p, f)))
  return [join(dir, 'pipe.db'), join(dir, 'pipe.db-wal'), ...segments].reduce((n, f) => n + size(f), 0)
}
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`

async function post(url: string, name: string, config: Record<string, string>): Promise<void> {
  const answer = await fetch(`${url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) })
  expect(answer.status, await answer.clone().text()).toBe(201)
}

describe('pipe worker under an endless fast source', () => {
  it(`answers REST calls every 100 ms within 200 ms for ${String(SECONDS)} s, stays flat and bounded, and stops on Ctrl-C within 5 s`, async ({ annotate }) => {
    // GIVEN a worker with an endless datagen (no interval.ms), a slow file source and a file sink
    const dir = await mkdtemp(join(tmpdir(), 'pipe-soak-'))
    const input = join(dir, 'in.txt')
    writeFileSync(input, '')
    const worker = await startPipeWorker()
    let stopped = false
    try {
      await post(worker.url, 'soak-gen', { 'connector.class': 'pipe:datagen-source', topic: 'soak-gen', seed: '1', 'topic.creation.default.retention.bytes': String(BOUND) })
      await post(worker.url, 'soak-lines', { 'connector.class': 'FileStreamSource', file: input, topic: 'soak-lines' })
      await post(worker.url, 'soak-sink', { 'connector.class': 'FileStreamSink', topics: 'soak-lines', file: join(dir, 'out.txt') })
      // WHEN a client calls the REST API every 100 ms while a line is appended every 50 ms
      const latencies: number[] = []
      const slow: string[] = []
      const rss: { at: number; bytes: number }[] = []
      let largestStore = 0
      let lines = 0
      const started = performance.now()
      for (let call = 0; performance.now() - started < SECONDS * 1000; call++) {
        const path = CALLS[call % CALLS.length] ?? '/'
        const before = performance.now()
        const answer = await fetch(`${worker.url}${path}`, { signal: AbortSignal.timeout(10_000) })
        await answer.arrayBuffer()
        const took = performance.now() - before
        latencies.push(took)
        if (took >= 200 || answer.status !== 200) slow.push(`${path} ${String(answer.status)} ${took.toFixed(0)} ms at ${((before - started) / 1000).toFixed(1)} s`)
        appendFileSync(input, `line ${String(lines++)}\n`)
        if (call % 50 === 0) {
          rss.push({ at: performance.now() - started, bytes: rssOf(worker.pid) })
          largestStore = Math.max(largestStore, storeSize(worker.stateDir))
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - took)))
      }
      // THEN Ctrl-C stops it within 5 s
      const stopAt = performance.now()
      const code = await worker.stop()
      stopped = true
      const stopMs = performance.now() - stopAt
      const sorted = [...latencies].sort((a, b) => a - b)
      const warm = rss.filter((r) => r.at >= SECONDS * 100 && r.at <= SECONDS * 300).map((r) => r.bytes)
      const late = rss.filter((r) => r.at >= SECONDS * 800).map((r) => r.bytes)
      const figures = `${String(latencies.length)} calls: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms; ` +
        `RSS start ${mib(rss[0]?.bytes ?? 0)}, warm ${mib(Math.max(...warm))}, end ${mib(rss.at(-1)?.bytes ?? 0)}; store max ${mib(largestStore)} (bound ${mib(BOUND)}); stop ${stopMs.toFixed(0)} ms`
      await annotate(`soak: ${figures}`)
      // each criterion on its own: one failing does not hide the others
      expect.soft(slow, figures).toEqual([])
      expect.soft(code, worker.output().slice(-3000)).toBe(0)
      expect.soft(stopMs, figures).toBeLessThan(5000)
      expect.soft(Math.max(...late), figures).toBeLessThan(Math.max(...warm) * 1.5)
      expect.soft(largestStore, figures).toBeLessThan(BOUND * 1.5 + 32 * 2 ** 20)
      // offsets flushed: the sink committed every line it wrote, the file source every line it read
      const written = readFileSync(join(dir, 'out.txt'), 'utf8').split('\n').length - 1
      const store = createEmbeddedTopicBackend({ stateDir: worker.stateDir, readOnly: true })
      try {
        expect(await store.listGroupOffsets('connect-soak-sink')).toEqual([{ topic: 'soak-lines', partition: 0, offset: written }])
        const consumer = await store.consumer({ group: 'soak-check', topics: ['soak-lines'], member: { index: 0, count: 1 } })
        const produced = (await consumer.lag?.()) ?? 0
        const position = Array.from({ length: produced }, (_, i) => `line ${String(i)}\n`.length).reduce((a, b) => a + b, 0)
        expect(await store.listSourceOffsets('soak-lines')).toEqual([{ partition: { filename: input }, offset: { position } }])
      } finally {
        await store.close()
      }
      expect(written).toBeGreaterThan(lines * 0.9)
    } finally {
      if (!stopped) await worker.stop().catch(() => undefined)
      // the store holds up to its bound (64 MiB and more): not left behind in CI's tmp
      rmSync(worker.stateDir, { recursive: true, force: true })
      rmSync(dir, { recursive: true, force: true })
    }
  }, (SECONDS + 120) * 1000)
})
