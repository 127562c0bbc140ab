import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pipeBin, repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'run', name)
const workDir = (): string => mkdtempSync(join(tmpdir(), 'pipe-run-e2e-'))

/** A bad-input run: exit 1, exactly one line on stderr, no stack trace. */
function expectOneLineError(run: { status: number | null; stderr: string; stdout: string }): string {
  expect(run.status).toBe(1)
  expect(run.stdout).toBe('')
  expect(run.stderr).not.toMatch(STACK_FRAME)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  return run.stderr.trimEnd()
}

describe('pipe run on bad input', () => {
  it('names a missing pipeline file in one line', async () => {
    const line = expectOneLineError(await runPipe(['run', 'pipelines/no-such-file.ts']))
    expect(line).toBe("pipe run: error PIPE_FILE_NOT_FOUND: no such pipeline file 'pipelines/no-such-file.ts'; fix: pass a .ts file whose default export is a pipeline, e.g. pipe run pipelines/quickstart.ts")
  })

  it('names the option and the accepted forms of a malformed duration', async () => {
    const line = expectOneLineError(await runPipe(['run', 'pipelines/quickstart.ts', '--max-idle', '5sec']))
    expect(line).toBe("pipe run: error PIPE_INVALID_OPTION: invalid --max-idle '5sec': expected a number with a unit: 500ms, 5s, 2m or 1h")
  })

  it('rejects a malformed bootstrap list, from the option or PIPE_BOOTSTRAP_SERVERS', async () => {
    expect(expectOneLineError(await runPipe(['run', 'pipelines/quickstart.ts', '--bootstrap-servers', 'localhost']))).toContain("invalid --bootstrap-servers 'localhost': expected host:port")
    expect(expectOneLineError(await runPipe(['run', 'pipelines/quickstart.ts'], { env: { PIPE_BOOTSTRAP_SERVERS: 'a:b' } }))).toContain("invalid PIPE_BOOTSTRAP_SERVERS 'a:b'")
  })

  it('rejects an unknown option with a suggestion, no stack trace', async () => {
    const run = await runPipe(['run', 'pipelines/quickstart.ts', '--max-idel', '5s'])
    expect(run).toEqual({ status: 1, stdout: '', stderr: "error: unknown option '--max-idel'\n(Did you mean --max-idle?)\n" })
  })

  it('names a refused broker address and how to start one', async () => {
    const line = expectOneLineError(await runPipe(['run', 'pipelines/quickstart.ts', '--bootstrap-servers', '127.0.0.1:1']))
    expect(line).toMatch(/^pipe run: error PIPE_BROKER_UNREACHABLE: cannot reach a Kafka broker at 127\.0\.0\.1:1 .*pnpm infra up kafka/)
  })

  it('gives up on an unroutable broker within about 10 s', async () => {
    const started = Date.now()
    // TEST-NET-1 (RFC 5737): never routed, so the connection times out instead of being refused
    const line = expectOneLineError(await runPipe(['run', 'pipelines/quickstart.ts', '--bootstrap-servers', '192.0.2.1:9092']))
    expect(line).toContain('cannot reach a Kafka broker at 192.0.2.1:9092 (connection refused, or no answer within 10s)')
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('refuses a connector or SMT class pipe cannot run, in one line at file:line, before anything starts', async () => {
    const dir = workDir()
    const stateDir = join(dir, '.pipe')
    const connector = expectOneLineError(await runPipe(['run', fixture('plugin-connector.ts'), '--max-idle', '1s', '--state-dir', stateDir], { cwd: dir }))
    expect(connector).toMatch(/^pipe run: error PIPE_NO_RUNTIME_IMPLEMENTATION: .*plugin-connector\.ts:5: connector class io\.debezium\.connector\.postgresql\.PostgresConnector has no pipe runtime implementation; deploy it to Kafka Connect with `pipe deploy`$/)
    const smt = expectOneLineError(await runPipe(['run', fixture('plugin-transform.ts'), '--max-idle', '1s', '--state-dir', stateDir], { cwd: dir }))
    expect(smt).toMatch(/plugin-transform\.ts:7: transformation class io\.debezium\.transforms\.ExtractNewRecordState has no pipe runtime implementation/)
    expect(existsSync(stateDir)).toBe(false)
  })

  it('prints the first trace line and a fix when a connector FAILs, exit 1', async () => {
    const dir = workDir()
    mkdirSync(join(dir, 'input-dir'))
    const run = await runPipe(['run', fixture('directory-input.ts'), '--max-idle', '2s', '--state-dir', join(dir, '.pipe')], { cwd: dir })
    expect(run.status).toBe(1)
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.stderr).toContain("pipe run: connector 'directory-input-source' FAILED: RuntimeError: cannot read 'input-dir': it is a directory; fix: set 'file' to a file\n  fix: ")
  })

  it('waits for a missing input file as Kafka Connect does, and says so', async () => {
    const dir = workDir()
    const run = await runPipe(['run', fixture('missing-input.ts'), '--max-idle', '2s', '--state-dir', join(dir, '.pipe')], { cwd: dir })
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.stderr).toMatch(/missing-input-source problem: 'no-such-input\.txt' does not exist yet: waiting for it to be created/)
    expect(run.status).toBe(0)
  })
})

describe('pipe run and pipe consume on the embedded store', () => {
  it('copies a file through a topic, exits 0 once idle, and says where the output is', async () => {
    const dir = workDir()
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${String(i)}`)
    writeFileSync(join(dir, 'input.txt'), `${lines.join('\n')}\n`)
    const run = await runPipe(['run', fixture('file-to-file.ts'), '--max-idle', '1s'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-copy' } })
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.status).toBe(0)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toBe(`${lines.join('\n')}\n`)
    // not a terminal: plain log lines, then the outcome
    expect(run.stderr).toMatch(/e2e-copy-sink \(sink\) RUNNING/)
    expect(run.stderr).toMatch(/^all tasks idle after [\d.]+m?s, offsets flushed: e2e-copy-source 5,000 .*, e2e-copy-sink 5,000 /m)
    expect(run.stderr).toContain('output: output.txt\n')
    expect(run.stderr).toContain("topic 'e2e-copy-lines': pipe consume e2e-copy-lines --from-beginning\n")

    const consumed = await runPipe(['consume', 'e2e-copy-lines', '--from-beginning', '--max-messages', '3', '--property', 'print.key=true', '--property', 'print.offset=true'], { cwd: dir })
    expect(consumed).toEqual({ status: 0, stdout: 'Offset:0\tnull\tline 0\nOffset:1\tnull\tline 1\nOffset:2\tnull\tline 2\n', stderr: 'Processed a total of 3 messages\n' })

    const again = await runPipe(['run', fixture('file-to-file.ts'), '--max-idle', '500ms', '--json'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-copy' } })
    const report = JSON.parse(again.stdout) as { status: string; outcome: string; connectors: { recordsOut: number }[] }
    expect({ status: again.status, report: report.status, outcome: report.outcome, moved: report.connectors.map((c) => c.recordsOut) }).toEqual({ status: 0, report: 'ok', outcome: 'idle', moved: [0, 0] })
  })

  it('hands TypeScript steps plain numbers read from a json topic, and writes what they pass through unchanged as it came', async () => {
    const dir = workDir()
    const run = await runPipe(['run', fixture('json-steps.ts'), '--max-idle', '1s'], { cwd: dir })
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.status).toBe(0)
    const lines = readFileSync(join(dir, 'output.txt'), 'utf8').split('\n').filter((l) => l !== '')
    // quantities are 1 to 5: the filter keeps 3, 4 and 5 and drops the rest
    expect(lines.length).toBeGreaterThan(50)
    expect(lines.length).toBeLessThan(200)
    for (const line of lines) {
      const match = /^\{order_id=\d+, quantity=([345])\.0, doubled=(\d+)\}$/.exec(line)
      expect(match, line).not.toBeNull()
      expect(Number(match?.[2]), line).toBe(Number(match?.[1]) * 2)
    }
  })

  it('consume exits after --timeout-ms without records, and rejects unknown properties in one line', async () => {
    const dir = workDir()
    writeFileSync(join(dir, 'input.txt'), 'a\nb\n')
    await runPipe(['run', fixture('file-to-file.ts'), '--max-idle', '500ms'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-timeout' } })
    const consumed = await runPipe(['consume', 'e2e-timeout-lines', '--timeout-ms', '500'], { cwd: dir })
    expect(consumed).toEqual({ status: 0, stdout: '', stderr: 'Processed a total of 0 messages\n' })
    const line = expectOneLineError(await runPipe(['consume', 'e2e-timeout-lines', '--property', 'print.keys=true'], { cwd: dir }))
    expect(line).toContain("pipe consume: error PIPE_INVALID_OPTION: unknown --property 'print.keys'")
  })

  it('stops gracefully on Ctrl-C with offsets flushed, exit 0', async () => {
    const dir = workDir()
    const child = spawn(process.execPath, [pipeBin, 'run', fixture('endless.ts')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    const exited = new Promise<number | null>((resolve) => { child.on('close', resolve) })
    while (!stderr.includes('endless-sink (sink) RUNNING')) await new Promise((resolve) => setTimeout(resolve, 50))
    await new Promise((resolve) => setTimeout(resolve, 1000))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr).toContain('stopping: finishing batches and flushing offsets (Ctrl-C again to force)')
    expect(stderr).toMatch(/^stopped after .*, offsets flushed: endless-source [\d,]+ .*, endless-sink [\d,]+ /m)
    // everything the sink wrote was committed: its lag is what the topic holds beyond the output
    const written = readFileSync(join(dir, 'output.txt'), 'utf8').split('\n').length - 1
    const consumed = await runPipe(['consume', 'endless-pageviews', '--from-beginning', '--timeout-ms', '300'], { cwd: dir })
    expect(consumed.stdout.split('\n').length - 1).toBeGreaterThanOrEqual(written)
  })
})
