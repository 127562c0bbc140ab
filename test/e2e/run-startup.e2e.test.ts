import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pipeBin, repoRoot, runPipe } from './run-pipe.js'

const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts')

/** The client libraries of connectors and backends a file -> embedded topic -> file run never calls. */
const UNUSED = ['kafkajs', 'cassandra-driver', 'pg', 'pg-logical-replication', 'mysql2', 'node-forge', 'prom-client']

describe('pipe run start-up', () => {
  it('loads no client library of a connector or backend the pipeline does not use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-run-startup-'))
    writeFileSync(join(dir, 'input.txt'), 'a\nb\n')
    // records, as the process exits, every CommonJS module it loaded (ESM imports of CommonJS packages land there too)
    const hook = join(dir, 'loaded.cjs')
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify(Object.keys(require.cache))))\n`)
    const run = await runPipe(['run', fixture, '--max-idle', '1s'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-startup', NODE_OPTIONS: `--require ${hook}` } })
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toBe('a\nb\n')
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[]
    const packages = new Set(loaded.flatMap((file) => [...file.matchAll(/node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//g)].map((m) => m[1] ?? '').slice(-1)))
    expect(packages.has('better-sqlite3'), 'the check sees the packages a run loads').toBe(true)
    expect(UNUSED.filter((name) => packages.has(name))).toEqual([])
  }, 60_000)

  it('started as a program (a bin link, a shim), runs Node with a 32 MiB young generation semi-space, unless NODE_OPTIONS sets one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-launcher-'))
    // as npm links a global bin: a symlink elsewhere to bin/pipe.js, started through its first line
    const link = join(dir, 'pipe')
    symlinkSync(pipeBin, link)
    const hook = join(dir, 'argv.cjs')
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(process.env.ARGV_OUT, JSON.stringify(process.execArgv)))\n`)
    const launch = (nodeOptions: string): { execArgv: string[]; stdout: string } => {
      const out = join(dir, `argv-${String(Math.random()).slice(2)}.json`)
      const run = spawnSync(link, ['--version'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ARGV_OUT: out, NODE_OPTIONS: `--require ${hook} ${nodeOptions}` } })
      expect(run.status, run.stderr).toBe(0)
      return { execArgv: JSON.parse(readFileSync(out, 'utf8')) as string[], stdout: run.stdout }
    }
    const plain = launch('')
    expect(plain.stdout).toMatch(/^\d+\.\d+\.\d+/)
    expect(plain.execArgv).toEqual(['--max-semi-space-size=32'])
    expect(launch('--max-semi-space-size=8').execArgv).toEqual([])
  }, 60_000)
})
