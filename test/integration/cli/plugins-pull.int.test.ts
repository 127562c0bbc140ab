// @servers kafka connect
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { typeCheckModules } from '../../support/type-check-modules.js'
import { freePort, startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'

interface PullReport {
  readonly status: string
  readonly modules: readonly { readonly class: string; readonly type: string; readonly file: string; readonly factory: string }[]
  readonly written: readonly string[]
  readonly unchanged: readonly string[]
}

const PULLED_TYPES = new Set(['source', 'sink', 'transformation', 'predicate'])
const dirs: string[] = []
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-pull-it-'))
  dirs.push(dir)
  return dir
}
const files = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]))

async function pull(url: string, out: string, extra: readonly string[] = []): Promise<PullReport> {
  const run = await runPipe(['plugins', 'pull', '--connect', url, '--out', out, '--json', ...extra])
  expect(run.stderr).not.toMatch(STACK_FRAME)
  expect(run.status, run.stdout + run.stderr).toBe(0)
  return JSON.parse(run.stdout) as PullReport
}

/** The classes a worker lists that pull writes modules for, read straight from its REST API. */
async function pullableClasses(url: string): Promise<string[]> {
  const listed = (await connectRequest(url, 'GET', '/connector-plugins?connectorsOnly=false')).body as { class: string; type: string }[]
  return [...new Set(listed.filter((p) => PULLED_TYPES.has(p.type)).map((p) => p.class))].sort()
}

let pipeWorker: PipeWorker | undefined
afterAll(async () => {
  await pipeWorker?.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe.each([
  { label: 'Apache Kafka Connect', url: async () => Promise.resolve(servers().connect.url) },
  { label: 'pipe worker', url: async () => (pipeWorker ??= await startPipeWorker()).url },
])('pipe plugins pull from $label', ({ label, url: workerUrl }) => {
  let url: string
  let project: string
  let first: PullReport
  beforeAll(async () => {
    url = await workerUrl()
    project = tmp()
    first = await pull(url, join(project, 'connectors'))
  }, 120_000)

  it('writes a module for every source, sink, SMT and predicate the worker lists, and an index', async () => {
    const expected = await pullableClasses(url)
    expect(first.status).toBe('ok')
    expect(first.modules.map((m) => m.class).sort()).toEqual(expected)
    const written = files(join(project, 'connectors'))
    expect(Object.keys(written)).toHaveLength(expected.length + 1)
    for (const module of first.modules) expect(written['index.ts']).toContain(`'./${module.file.split('/').pop()?.replace(/\.ts$/, '.js') ?? ''}'`)
    if (label === 'Apache Kafka Connect') {
      const classes = first.modules.map((m) => m.class)
      for (const name of [
        'org.apache.kafka.connect.file.FileStreamSourceConnector', 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'io.debezium.connector.postgresql.PostgresConnector', 'io.debezium.connector.jdbc.JdbcSinkConnector',
        'org.apache.camel.kafkaconnector.CamelSinkConnector', 'io.debezium.transforms.ExtractNewRecordState',
        'org.apache.kafka.connect.transforms.InsertField$Value', 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      ]) expect(classes).toContain(name)
      // the pulled set committed for the corpus and the docs is what this worker gives (regenerate: pnpm fixtures:plugins)
      expect(written).toEqual(files(join(repoRoot, 'test/fixtures/plugins')))
    }
  })

  it('writes modules that type-check with the strict tsconfig', async () => {
    const check = await typeCheckModules(project)
    expect(check.output).toBe('')
    expect(check.status).toBe(0)
  }, 120_000)

  it('writes the same bytes when pulled again, into the same folder or another', async () => {
    const before = files(join(project, 'connectors'))
    const again = await pull(url, join(project, 'connectors'))
    expect(again.written).toEqual([])
    expect(again.unchanged).toHaveLength(first.modules.length)
    expect(files(join(project, 'connectors'))).toEqual(before)
    const other = join(tmp(), 'connectors')
    await pull(url, other)
    expect(files(other)).toEqual(before)
  }, 120_000)
})

describe('pulled modules in a pipeline', () => {
  const pipeline = (options: string): string => [
    "import { env, source, topic } from '@pipe/dsl'",
    "import { extractNewRecordState, postgresConnector, recordIsTombstone } from './connectors/index.js'",
    '',
    'export default source(postgresConnector({',
    `  ${options},`,
    "  'database.password': env('PG_PASSWORD'),",
    "  'some.key.the.plugin.does.not.list': 'kept',",
    '}))',
    "  .transform(extractNewRecordState({ 'drop.fields.from.key': true, 'add.fields': ['op', 'table'] }))",
    '  .dropIf(recordIsTombstone())',
    "  .to(topic('customers'))",
    "  .named('pulled')",
    '',
  ].join('\n')

  it('type-checks a typed use, and refuses a wrong type or a value outside the recommended set at its line', async () => {
    const project = tmp()
    await pull(servers().connect.url, join(project, 'connectors'), ['--plugin', 'PostgresConnector', '--plugin', 'ExtractNewRecordState', '--plugin', 'RecordIsTombstone'])
    // the keys the worker asks a value for on an empty config are required
    const required = "'database.hostname': 'db', 'database.user': 'cdc', 'database.dbname': 'shop', 'topic.prefix': 'shop', "
    writeFileSync(join(project, 'good.ts'), pipeline(`${required}'database.port': 5432, 'plugin.name': 'pgoutput', 'snapshot.mode': 'initial'`))
    const good = await typeCheckModules(project)
    expect(good.output).toBe('')
    mkdirSync(join(project, 'bad'))
    writeFileSync(join(project, 'bad', 'port.ts'), pipeline(`${required}'database.port': '5432'`).replaceAll("'./connectors/", "'../connectors/"))
    writeFileSync(join(project, 'bad', 'mode.ts'), pipeline(`${required}'snapshot.mode': 'sometimes'`).replaceAll("'./connectors/", "'../connectors/"))
    const bad = await typeCheckModules(project)
    expect(bad.status).not.toBe(0)
    expect(bad.output).toMatch(/^bad\/port\.ts\(5,\d+\): error TS2322: .*number/m)
    expect(bad.output).toMatch(/^bad\/mode\.ts\(5,\d+\): error TS2322: .*"sometimes"/m)
    expect(bad.output).not.toContain('good.ts')
    expect(bad.output).not.toContain('connectors/')
  }, 120_000)
})

describe('the committed pulled set in use', () => {
  it('passes pipe check offline and compiles to the plugin classes and keys (test/fixtures/pulled-use/cdc.ts)', async () => {
    const check = await runPipe(['check', 'test/fixtures/pulled-use/cdc.ts'])
    expect(check.stderr + check.stdout).toContain('no errors')
    expect(check.status).toBe(0)
    const out = tmp()
    const compile = await runPipe(['compile', 'test/fixtures/pulled-use/cdc.ts', '--out', out])
    expect(compile.status, compile.stderr).toBe(0)
    const [file] = readdirSync(out)
    const { config } = JSON.parse(readFileSync(join(out, file ?? ''), 'utf8')) as { config: Record<string, string> }
    expect(config).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.port': '5432',
      'database.password': '${env:PG_PASSWORD}',
      'table.include.list': 'public.customers',
      'predicates.filter-1-if.type': 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
    })
    expect(Object.entries(config)).toContainEqual(expect.arrayContaining([expect.stringMatching(/^transforms\.[^.]+\.type$/), 'io.debezium.transforms.ExtractNewRecordState']))
  }, 120_000)
})

describe('pipe plugins list', () => {
  it("lists the worker's plugins with their type, version and the factory a pull gives them", async () => {
    const url = servers().connect.url
    const run = await runPipe(['plugins', 'list', '--connect', url, '--json'])
    expect(run.status, run.stderr).toBe(0)
    const listed = (JSON.parse(run.stdout) as { plugins: { class: string; type: string; factory?: string }[] }).plugins
    expect(listed.filter((p) => p.factory !== undefined).map((p) => p.class).sort()).toEqual(await pullableClasses(url))
    expect(listed.find((p) => p.class === 'io.debezium.transforms.ExtractNewRecordState')?.factory).toBe('extractNewRecordState')
    const table = await runPipe(['plugins', 'list', '--connect', url])
    expect(table.stdout).toMatch(/^transformation +io\.debezium\.transforms\.ExtractNewRecordState +3\.\S+ +extractNewRecordState$/m)
  })

  it('documents pull with --help', async () => {
    const run = await runPipe(['plugins', 'pull', '--help'])
    expect(run.status).toBe(0)
    for (const option of ['--connect', '--plugin', '--out', '--json']) expect(run.stdout).toContain(option)
  })
})

describe('pipe plugins pull on bad input', () => {
  let web: Server
  let webUrl: string
  beforeAll(async () => {
    web = createServer((request, response) => {
      if (request.url?.startsWith('/html/') === true) {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>\n<html><body>a web site</body></html>\n')
        return
      }
      response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>\n')
    })
    await new Promise<void>((done) => web.listen(0, '127.0.0.1', done))
    const address = web.address()
    webUrl = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`
  })
  afterAll(async () => { await new Promise((done) => web.close(done)) })

  const oneLine = async (args: readonly string[], code: string): Promise<string> => {
    const out = join(tmp(), 'connectors')
    const run = await runPipe(['plugins', 'pull', '--out', out, ...args])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.stderr).toMatch(new RegExp(`^pipe plugins pull: error ${code}: [^\\n]+\\n$`))
    return run.stderr
  }

  it('says an unreachable URL on one line', async () => {
    const line = await oneLine(['--connect', `http://127.0.0.1:${String(await freePort())}`], 'PIPE_CONNECT_UNREACHABLE')
    expect(line).toContain('cannot reach Kafka Connect')
  })

  it('says a web server that answers 404 is not Kafka Connect', async () => {
    await oneLine(['--connect', webUrl], 'PIPE_CONNECT_NOT_CONNECT')
  })

  it('says a web server that answers an HTML page is not Kafka Connect, without printing the page', async () => {
    const line = await oneLine(['--connect', `${webUrl}/html`], 'PIPE_CONNECT_NOT_CONNECT')
    expect(line).toContain('an HTML or XML page')
    expect(line).not.toContain('a web site')
  })

  it('refuses an unknown --plugin and names the command that lists them', async () => {
    const line = await oneLine(['--connect', servers().connect.url, '--plugin', 'NoSuchConnector'], 'PIPE_PLUGIN_UNKNOWN')
    expect(line).toContain('pipe plugins list')
  })

  it('never overwrites a file it did not write', async () => {
    const project = tmp()
    mkdirSync(join(project, 'connectors'))
    writeFileSync(join(project, 'connectors', 'regex-router.ts'), 'export const mine = true\n')
    const run = await runPipe(['plugins', 'pull', '--connect', servers().connect.url, '--out', join(project, 'connectors'), '--plugin', 'RegexRouter'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^pipe plugins pull: error PIPE_PLUGINS_NOT_GENERATED: '.*regex-router\.ts' exists and was not written by pipe plugins pull[^\n]*\n$/)
    expect(readFileSync(join(project, 'connectors', 'regex-router.ts'), 'utf8')).toBe('export const mine = true\n')
  })
})

describe('pipe check --connect and the version a module was pulled from', () => {
  it('warns at the pipeline line when the worker runs another version of a pulled plugin, and not when it runs the same', async () => {
    const project = mkdtempSync(join(repoRoot, 'test', 'fixtures', 'readme-version-'))
    dirs.push(project)
    await pull(servers().connect.url, join(project, 'connectors'), ['--plugin', 'FileStreamSinkConnector'])
    const pipeline = [
      "import { source, topic } from '@pipe/dsl'",
      "import { kafkaConnect } from '@pipe/dsl/connectors'",
      "import { fileStreamSinkConnector } from './connectors/index.js'",
      "export default source(kafkaConnect('org.apache.kafka.connect.file.FileStreamSourceConnector', { file: '/tmp/in.txt' }, { routing: 'topic-key' }))",
      "  .to(topic('version-lines')).sink(fileStreamSinkConnector({ file: '/tmp/out.txt' })).target('kafka-connect')",
      '',
    ].join('\n')
    writeFileSync(join(project, 'lines.ts'), pipeline)
    const same = await runPipe(['check', join(project, 'lines.ts'), '--connect', servers().connect.url])
    expect(same.status, same.stdout + same.stderr).toBe(0)
    expect(same.stdout + same.stderr).not.toContain('PIPE_CONNECT_PLUGIN_VERSION')
    // as if the module had been pulled from a worker with another version of connect-file
    const module = join(project, 'connectors', 'file-stream-sink-connector.ts')
    const text = readFileSync(module, 'utf8')
    const version = /version: '([^']+)'/.exec(text)?.[1] ?? ''
    expect(version).not.toBe('')
    writeFileSync(module, text.replaceAll(`version: '${version}'`, "version: '0.0.1'"))
    const other = await runPipe(['check', join(project, 'lines.ts'), '--connect', servers().connect.url])
    expect(other.status, other.stdout + other.stderr).toBe(0)
    expect(other.stdout + other.stderr).toMatch(/lines\.ts:5:\d+ warning PIPE_CONNECT_PLUGIN_VERSION: .*0\.0\.1/)
    expect(other.stdout + other.stderr).toContain(version)
  }, 120_000)
})
