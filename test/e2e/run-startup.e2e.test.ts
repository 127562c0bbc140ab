import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from './run-pipe.js'

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
})
