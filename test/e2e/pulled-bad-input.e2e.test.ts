import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

// A pulled module (test/fixtures/plugins, as `pipe plugins pull` wrote it from the test worker) given bad
// options: each mistake is a diagnostic at the pipeline's file and line, exit 1, no stack trace; a key the
// module does not list is a warning (Kafka Connect keeps unknown keys), exit 0.
const project = mkdtempSync(join(repoRoot, 'test', 'fixtures', 'readme-pulled-'))
afterAll(() => { rmSync(project, { recursive: true, force: true }) })
cpSync(join(repoRoot, 'test', 'fixtures', 'plugins'), join(project, 'connectors'), { recursive: true })

const REQUIRED = ["  'database.hostname': 'db',", "  'database.user': 'cdc',", "  'database.dbname': 'shop',", "  'topic.prefix': 'shop',"]

/** A pipeline file whose postgresConnector options are REQUIRED (minus `drop`) plus `extra`; the bad line is line 5. */
function write(name: string, extra: string, drop?: string): string {
  const lines = [
    "import { env, source, topic } from '@pipe/dsl'",
    "import { postgresConnector } from './connectors/index.js'",
    '',
    'export default source(postgresConnector({',
    extra,
    ...REQUIRED.filter((line) => drop === undefined || !line.includes(`'${drop}'`)),
    "  'database.password': env('PG_PASSWORD'),",
    "})).to(topic('customers', { format: 'json-schema' })).target('kafka-connect')",
    '',
  ]
  const file = join(project, `${name}.ts`)
  writeFileSync(file, lines.join('\n'))
  return relative(repoRoot, file)
}

describe('pipe check on a pulled module given bad options', () => {
  it.each([
    { name: 'wrong-type', extra: "  'database.port': 'five',", line: 5, says: /database\.port|number/ },
    { name: 'outside-set', extra: "  'plugin.name': 'wal3json',", line: 5, says: /wal3json/ },
    { name: 'literal-password', extra: "  'database.sslpassword': 'hunter2',", line: 5, says: /env\('POSTGRES_DATABASE_SSLPASSWORD'\)/ },
    { name: 'missing-required', extra: '', drop: 'database.hostname', line: 4, says: /database\.hostname/ },
  ])('$name: a diagnostic at file:line, exit 1, no stack trace', async ({ name, extra, drop, line, says }) => {
    const file = write(name, extra, drop)
    const check = await runPipe(['check', file])
    const output = check.stdout + check.stderr
    expect(check.status, output).toBe(1)
    expect(output).toMatch(new RegExp(`${file.replaceAll('.', '\\.')}:${String(line)}:\\d+ error`))
    expect(output).toMatch(says)
    expect(output).not.toMatch(STACK_FRAME)
    expect(output).not.toContain('hunter2')
  }, 60_000)

  it('an unknown key: a warning at file:line, exit 0, compiled through as given', async () => {
    const file = write('unknown-key', "  'zzz.not.a.postgres.key': 'mine',")
    const check = await runPipe(['check', file])
    const output = check.stdout + check.stderr
    expect(check.status, output).toBe(0)
    expect(output).toMatch(new RegExp(`${file.replaceAll('.', '\\.')}:5:\\d+ warning PIPE_UNKNOWN_OPTION`))
    const out = join(project, 'out')
    const compile = await runPipe(['compile', file, '--out', out])
    expect(compile.status, compile.stderr).toBe(0)
    const { config } = JSON.parse(readFileSync(join(out, 'unknown-key-source.json'), 'utf8')) as { config: Record<string, string> }
    expect(config['zzz.not.a.postgres.key']).toBe('mine')
  }, 60_000)
})
