// @servers connect
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { startPipeWorker } from '../worker/pipe-worker.js'

const BIN = resolve(import.meta.dirname, '../../../packages/cli/bin/pipe.js')
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => { for (const c of cleanups.reverse()) await c() })

interface Frame { connectors: { name: string; status?: { state: string }; rate?: number; lag?: number }[] }

/** Runs `pipe status --watch --json` until `enough` says so, then Ctrl-C; its frames and exit code. */
function watch(url: string, enough: (frames: Frame[]) => boolean): Promise<{ frames: Frame[]; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'status', '--watch', '--interval', '300ms', '--json', '--connect', url], { stdio: ['ignore', 'pipe', 'pipe'] })
  const frames: Frame[] = []
  let stderr = ''
  let buffered = ''
  const timer = setTimeout(() => child.kill('SIGINT'), 60_000)
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) frames.push(JSON.parse(line) as Frame)
    if (enough(frames)) child.kill('SIGINT')
  })
  return new Promise((done) => { child.on('exit', (code) => { clearTimeout(timer); done({ frames, code, stderr }) }) })
}

describe('pipe status --watch', () => {
  it('shows the live records/s and lag of a pipe worker\'s connectors until Ctrl-C', async () => {
    const worker = await startPipeWorker()
    cleanups.push(() => worker.stop())
    const input = join(worker.stateDir, 'in.txt')
    await writeFile(input, '')
    const post = (body: unknown): Promise<Response> => fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await post({ name: 'watch-src', config: { 'connector.class': 'FileStreamSource', file: input, topic: 'watch-lines' } })
    await post({ name: 'watch-sink', config: { 'connector.class': 'FileStreamSink', file: join(worker.stateDir, 'out.txt'), topics: 'watch-lines' } })
    // lines keep coming while the watch runs
    const writer = setInterval(() => { void writeFile(input, 'line\n'.repeat(50), { flag: 'a' }) }, 100)
    cleanups.push(() => { clearInterval(writer); return Promise.resolve() })
    const rising = (f: Frame): boolean => (f.connectors.find((c) => c.name === 'watch-src')?.rate ?? 0) > 0
    const { frames, code, stderr } = await watch(worker.url, (all) => all.some(rising))
    clearInterval(writer)
    expect(code, stderr).toBe(0)
    const last = frames.find(rising)
    expect(last?.connectors.map((c) => c.name).sort()).toEqual(['watch-sink', 'watch-src'])
    expect(last?.connectors.find((c) => c.name === 'watch-sink')?.lag).toBeTypeOf('number')
  })

  it('shows the states of a Kafka Connect cluster (no /metrics there) until Ctrl-C', async () => {
    const { frames, code, stderr } = await watch(servers().connect.url, (all) => all.length >= 2)
    expect(code, stderr).toBe(0)
    expect(frames.length).toBeGreaterThanOrEqual(2)
    expect(frames.every((f) => f.connectors.every((c) => c.rate === undefined))).toBe(true)
  })
})
