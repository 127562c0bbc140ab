import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from './run-pipe.js'

const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts')

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { done(typeof address === 'object' && address !== null ? address.port : 0) })
    })
  })
}

const sample = (text: string, line: string): number | undefined => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `))
  return found === undefined ? undefined : Number(found.slice(line.length + 1))
}

describe('pipe run --metrics', () => {
  it('serves GET /metrics with the records of each connector while the pipeline runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-run-metrics-'))
    writeFileSync(join(dir, 'input.txt'), Array.from({ length: 1000 }, (_, i) => `${String(i)}\n`).join(''))
    const port = await freePort()
    const run = runPipe(['run', fixture, '--max-idle', '4s', '--metrics', `127.0.0.1:${String(port)}`], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-metrics' } })
    let seen: { source?: number | undefined; sink?: number | undefined } = {}
    const end = Date.now() + 30_000
    while (Date.now() < end && (seen.source !== 1000 || seen.sink !== 1000)) {
      try {
        const text = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text()
        seen = {
          source: sample(text, 'kafka_connect_source_task_metrics_source_record_write_total{connector="e2e-metrics-source",task="0"}'),
          sink: sample(text, 'kafka_connect_sink_task_metrics_sink_record_send_total{connector="e2e-metrics-sink",task="0"}'),
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(seen).toEqual({ source: 1000, sink: 1000 })
    const done = await run
    expect(done.status, done.stderr).toBe(0)
    // the endpoint goes away with the run
    await expect(fetch(`http://127.0.0.1:${String(port)}/metrics`)).rejects.toThrow()
  }, 60_000)

  it('refuses a malformed address in one line', async () => {
    const run = await runPipe(['run', fixture, '--metrics', 'nowhere'])
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe("pipe run: error PIPE_INVALID_OPTION: invalid --metrics 'nowhere': expected host:port, e.g. 127.0.0.1:9404")
  })
})
