import { describe, expect, it } from 'vitest'
import { brokenFixtures } from './fixtures.js'
import { runPipe, STACK_FRAME } from './run-pipe.js'

const fixtures = brokenFixtures()

describe('pipe check on broken pipeline files', () => {
  it('has a corpus of at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40)
  })

  describe.concurrent.each(fixtures)('$target', (fixture) => {
    it(`exits 1 with ${fixture.code} at line ${String(fixture.line)} and no stack trace`, async () => {
      const run = await runPipe(['check', fixture.target])
      const header = new RegExp(`^${fixture.file.replaceAll('.', '\\.')}:${String(fixture.line)}:\\d+ error ${fixture.code}: `, 'm')
      expect(run.stderr).toMatch(header)
      expect(run.status).toBe(1)
      expect(run.stderr).not.toMatch(STACK_FRAME)
      expect(run.stdout).not.toMatch(STACK_FRAME)
      expect(run.stderr).not.toContain('internal error')
    })
  })
})

describe('pipe check --json on a broken pipeline file', () => {
  it('prints the same diagnostics as data with paths relative to the working directory', async () => {
    const [fixture] = fixtures
    if (fixture === undefined) throw new Error('no fixtures')
    const run = await runPipe(['check', '--json', fixture.target])
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as { status: string; diagnostics: { code: string; location?: { file: string; line: number } }[] }
    expect(report.status).toBe('error')
    expect(report.diagnostics).toContainEqual(expect.objectContaining({
      code: fixture.code,
      location: expect.objectContaining({ file: fixture.file, line: fixture.line }) as unknown,
    }))
  })
})

describe('pipe check output', () => {
  it('reads like tsc: file:line:col, code, message, a masked code frame, the fix and a summary', async () => {
    const run = await runPipe(['check', 'test/fixtures/broken/literal-secret-jdbc.ts'])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatchInlineSnapshot(`
      "test/fixtures/broken/literal-secret-jdbc.ts:14:3 error PIPE_LITERAL_SECRET: option 'password' of jdbc sink is a password and is given as a literal string
        13 |   username: '****',
        14 |   password: '****************************',
           |   ^^^^^^^^
        15 |   primaryKeyFields: ['**'],
        fix: use env('JDBC_SINK_PASSWORD') or secret('file', '/path/to/file.properties', 'password'); a literal would be stored in plain text in the connector config

      Found 1 error in 1 file.
      "
    `)
  })
})
