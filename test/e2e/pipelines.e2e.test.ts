import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const outDir = (): string => mkdtempSync(join(tmpdir(), 'pipe-compile-'))

function readConfigs(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]))
}

/** Keys sorted at every level, as `pipe compile` promises. */
function hasSortedKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  const keys = Object.keys(value)
  return keys.every((key, i) => i === 0 || (keys[i - 1] ?? '') < key) && Object.values(value).every(hasSortedKeys)
}

describe('pipe check on pipelines/', () => {
  it('exits 0 with no diagnostics', async () => {
    const run = await runPipe(['check', 'pipelines'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^checked \d+ pipelines in \d+ files: no errors\n$/)
    expect(run.status).toBe(0)
  })

  it('prints an ok report as JSON with --json', async () => {
    const run = await runPipe(['check', '--json', 'pipelines'])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ status: 'ok', diagnostics: [] })
  })
})

describe('pipe compile on pipelines/', () => {
  it.each(['kafka-connect', 'pipe'])('writes one <connector-name>.json per connector with sorted keys for --target %s', async (target) => {
    const out = outDir()
    const run = await runPipe(['compile', 'pipelines', '--out', out, '--target', target])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const configs = readConfigs(out)
    expect(configs.size).toBeGreaterThanOrEqual(4)
    for (const [file, text] of configs) {
      expect(text.endsWith('}\n')).toBe(true)
      const document = JSON.parse(text) as { name: string; config: Record<string, unknown> }
      expect(Object.keys(document)).toEqual(['config', 'name'])
      expect(`${document.name}.json`).toBe(file)
      expect(hasSortedKeys(document)).toBe(true)
      expect(Object.values(document.config).every((value) => typeof value === 'string')).toBe(true)
      expect(typeof document.config['connector.class']).toBe('string')
    }
  })

  it('writes the same bytes on every run (stable output)', async () => {
    const [a, b] = [outDir(), outDir()]
    await runPipe(['compile', 'pipelines', '--out', a])
    await runPipe(['compile', 'pipelines', '--out', b])
    expect(readConfigs(b)).toEqual(readConfigs(a))
  })

  it('skips pipelines that run on pipe only for Kafka Connect and says so', async () => {
    const run = await runPipe(['compile', 'pipelines', '--out', outDir(), '--json'])
    const report = JSON.parse(run.stdout) as { status: string; skipped: string[]; files: string[] }
    expect(report.status).toBe('ok')
    expect(report.skipped).toContain('twitter')
  })

  it('writes nothing and exits 1 when a pipeline has an error', async () => {
    const out = join(outDir(), 'build')
    const run = await runPipe(['compile', 'pipelines', 'test/fixtures/broken/literal-secret-jdbc.ts', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('error PIPE_LITERAL_SECRET')
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(existsSync(out)).toBe(false)
  })
})

describe('secrets passed through env()', () => {
  it('appear in no output of pipe check or pipe compile, nor in any written file', async () => {
    // every variable the pipelines read through env(), set to a sentinel value in the child's environment
    const sources = readdirSync(join(repoRoot, 'pipelines')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(repoRoot, 'pipelines', f), 'utf8'))
    const names = new Set(['TWITTER_BEARER_TOKEN', ...sources.flatMap((text) => [...text.matchAll(/env\('([A-Z0-9_]+)'\)/g)].map((m) => m[1] ?? ''))])
    const env = Object.fromEntries([...names].map((name) => [name, `sentinel-${randomBytes(8).toString('hex')}`]))
    const sentinels = Object.values(env)
    expect(names.size).toBeGreaterThanOrEqual(3)

    const outputs: string[] = []
    for (const args of [['check', 'pipelines'], ['check', '--json', 'pipelines'], ['check', 'test/fixtures/broken/literal-secret-postgres.ts']]) {
      const run = await runPipe(args, { env })
      outputs.push(run.stdout, run.stderr)
    }
    for (const target of ['kafka-connect', 'pipe']) {
      const out = outDir()
      const run = await runPipe(['compile', 'pipelines', '--out', out, '--target', target, '--json'], { env })
      expect(run.status).toBe(0)
      outputs.push(run.stdout, run.stderr, ...readConfigs(out).values())
    }
    const joined = outputs.join('\n')
    expect(joined).toContain('${env:TWITTER_BEARER_TOKEN}')
    for (const sentinel of sentinels) expect(joined).not.toContain(sentinel)
    // a literal secret in a pipeline file is reported without being printed (the code frame masks it)
    expect(joined).toContain('PIPE_LITERAL_SECRET')
    expect(joined).not.toContain('hunter2')
  })
})
