// @servers kafka connect
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { repoRoot, runPipe, STACK_FRAME } from '../../e2e/run-pipe.js'

/** Kafka Connect's REST listener as a bootstrap address: it accepts TCP, and answers HTTP. */
const connectAddress = (): string => new URL(servers().connect.url).host

const LEAKS = /internal error|KafkaJS\w*Error|Unhandled|unhandled/

function expectOneLine(run: { status: number | null; stderr: string }, line: RegExp): void {
  expect(run.stderr).not.toMatch(STACK_FRAME)
  expect(run.stderr).not.toMatch(LEAKS)
  expect(run.stderr.trimEnd().split('\n').filter((l) => l.includes('error'))).toEqual([expect.stringMatching(line)])
  expect(run.status).toBe(1)
}

describe("a bootstrap address that is Kafka Connect's REST port, not a broker", () => {
  it('pipe run, pipe consume and pipe worker each say so in one line and exit 1', async () => {
    const address = connectAddress()
    const notKafka = new RegExp(`error PIPE_NOT_A_BROKER: no Kafka broker at ${address.replaceAll('.', '\\.')}: .* is not a Kafka broker: it answers HTTP .*fix: check the port`)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-not-a-broker-'))
    const [run, consume, worker] = await Promise.all([
      runPipe(['run', 'pipelines/file-copy.ts', '--bootstrap-servers', address, '--max-idle', '2s'], { env: { PIPE_BOOTSTRAP_SERVERS: '' } }),
      runPipe(['consume', 'lines', '--bootstrap-servers', address, '--timeout-ms', '1000']),
      runPipe(['worker', '--listeners', 'http://127.0.0.1:0', '--bootstrap-servers', address, '--state-dir', join(dir, 'w')]),
    ])
    expectOneLine(run, new RegExp(`^pipe run: ${notKafka.source}`))
    expectOneLine(consume, new RegExp(`^pipe consume: ${notKafka.source}`))
    expectOneLine(worker, new RegExp(`^pipe worker: ${notKafka.source}`))
  }, 60_000)

  it('a real broker among the addresses is enough: consume reads from it (kafkajs alone gave up on the first address)', async () => {
    const topic = servers().connect.statusTopic // exists since Connect started
    const run = await runPipe(['consume', topic, '--bootstrap-servers', `${connectAddress()},${servers().kafka.bootstrapServers}`, '--timeout-ms', '1000'], { cwd: repoRoot })
    expect(run.stderr).not.toMatch(LEAKS)
    expect(run.stderr).toMatch(/^Processed a total of \d+ messages\n$/)
    expect(run.status).toBe(0)
  }, 60_000)
})
