// `pipe import` round trip, no Kafka needed: connector configs (hand-written fixtures, and the repo's
// own pipelines compiled) are imported, the written files pass `pipe check` and `pipe compile`, and the
// compiled configs equal the originals except for what the report lists (a literal password becomes a
// placeholder; keys pipe always writes). Then the same from a `pipe worker` over REST, and bad input.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startPipeWorker } from '../integration/worker/pipe-worker.js'
import { differences } from './import-round-trip.js'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const FIXTURES = join(repoRoot, 'test/fixtures/import')
// build/ (ignored) does not exist on a fresh clone
mkdirSync(join(repoRoot, 'build'), { recursive: true })
const scratch = mkdtempSync(join(repoRoot, 'build', 'e2e-import-'))
afterAll(() => { rmSync(scratch, { recursive: true, force: true }) })

interface Document { readonly name: string; readonly config: Record<string, string>; readonly initial_state?: string }

/** A project folder under the repo (so @pipe/dsl resolves) with a pipelines/ tsconfig. */
function project(name: string): { dir: string; pipelines: string } {
  const dir = join(scratch, name)
  const pipelines = join(dir, 'pipelines')
  mkdirSync(pipelines, { recursive: true })
  const base = relative(pipelines, join(repoRoot, 'tsconfig.base.json'))
  writeFileSync(join(pipelines, 'tsconfig.json'), JSON.stringify({
    extends: base, compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, customConditions: ['@pipe/source'] }, include: ['*.ts'],
  }))
  return { dir, pipelines }
}

function readDocuments(dir: string): Map<string, Document> {
  const docs = new Map<string, Document>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Document
    docs.set(doc.name, doc)
  }
  return docs
}

/** .properties → config (the fixture files use plain key=value lines). */
function readProperties(file: string): Record<string, string> {
  const config: Record<string, string> = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=')
    if (line.startsWith('#') || at < 0) continue
    config[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return config
}

function originals(dir: string): Map<string, Record<string, string>> {
  const configs = new Map<string, Record<string, string>>()
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.properties')) {
      const config = readProperties(join(dir, file))
      configs.set(config['name'] ?? '', config)
    } else if (file.endsWith('.json')) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Document
      configs.set(doc.name, { ...doc.config, name: doc.name })
    }
  }
  return configs
}

/** Imports `from`, checks and compiles the written files, and gives the differences per connector. */
async function roundTrip(name: string, importArgs: readonly string[], before: ReadonlyMap<string, Record<string, string>>): Promise<{ diffs: Map<string, string[]>; importOut: string; pipelines: string; compiled: Map<string, Document> }> {
  const { dir, pipelines } = project(name)
  const imported = await runPipe(['import', ...importArgs, '--out', relative(repoRoot, pipelines)])
  expect(imported.stderr).not.toMatch(STACK_FRAME)
  expect(imported.status, imported.stdout + imported.stderr).toBe(0)
  const check = await runPipe(['check', relative(repoRoot, pipelines)])
  expect(check.status, check.stdout + check.stderr).toBe(0)
  expect(check.stdout).toMatch(/no errors/)
  const out = join(dir, 'out')
  const compiled = await runPipe(['compile', relative(repoRoot, pipelines), '--out', relative(repoRoot, out)])
  expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0)
  const after = readDocuments(out)
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  const diffs = new Map<string, string[]>()
  for (const [connector, config] of before) diffs.set(connector, differences(config, after.get(connector)?.config ?? {}))
  return { diffs, importOut: imported.stdout, pipelines, compiled: after }
}

describe('pipe import', () => {
  it('round trips the repo pipelines compiled by pipe: every config comes back equal (pipe.pipeline included)', async () => {
    const compiledDir = join(scratch, 'repo-compiled')
    const compiled = await runPipe(['compile', 'pipelines', '--out', relative(repoRoot, compiledDir)])
    expect(compiled.status, compiled.stderr).toBe(0)
    const before = new Map([...readDocuments(compiledDir)].map(([n, d]) => [n, { ...d.config }]))
    expect(before.size).toBeGreaterThan(3)
    const { diffs } = await roundTrip('repo', ['--from', relative(repoRoot, compiledDir)], before)
    for (const [connector, lines] of diffs) expect(lines, connector).toEqual([])
  })

  it('round trips hand-written configs: FileStream, Debezium PostgreSQL and JDBC sink (pulled), Camel CQL, an unknown plugin, every built-in SMT and predicate', async () => {
    const before = originals(join(FIXTURES, 'good'))
    const { diffs, importOut, pipelines } = await roundTrip('good', ['--from', 'test/fixtures/import/good'], before)
    // what pipe writes that the originals lack, and the two secrets that become placeholders
    for (const [connector, lines] of diffs) {
      for (const line of lines) expect(line, connector).toMatch(/^added (pipe\.pipeline|tasks\.max=1|errors\.tolerance=none|(key|value)\.converter(\.schemas\.enable)?=)|^secret /)
    }
    expect(diffs.get('customers-cdc-replica')).toContain('secret connection.password -> ${env:CUSTOMERS_CDC_REPLICA_CONNECTION_PASSWORD}')
    expect(diffs.get('events-cql')).toContain('secret camel.kamelet.cassandra-sink.password -> ${env:EVENTS_CQL_CAMEL_KAMELET_CASSANDRA_SINK_PASSWORD}')
    expect(importOut).toMatch(/CUSTOMERS_CDC_REPLICA_CONNECTION_PASSWORD +\(customers-cdc-replica: connection\.password\)/)
    const written = readdirSync(pipelines).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(pipelines, f), 'utf8')).join('\n')
    expect(written).not.toMatch(/hunter2/)
    expect(written).toMatch(/\.dropIf\(recordIsTombstone\(\)\)/)
    expect(written).toMatch(/\.when\(not\(hasHeaderKey\('no-pii'\)\)/)
    expect(written).toMatch(/^\/\/ Imported by `pipe import` from test\/fixtures\/import\/good at /m)
  })

  it('skips a connector with an unknown SMT or a dangling predicate with one line each, imports the others, exits 1', async () => {
    const { pipelines } = project('bad')
    const run = await runPipe(['import', '--from', 'test/fixtures/import/bad', '--out', relative(repoRoot, pipelines)])
    expect(run.status).toBe(1)
    expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME)
    expect(run.stdout).toMatch(/^skipped bad-smt: unknown SMT type 'org\.apache\.kafka\.connect\.transforms\.NoSuchTransform'/m)
    expect(run.stdout).toMatch(/^skipped bad-predicate: transform predicate 'missing' is not declared in predicates$/m)
    expect(readdirSync(pipelines).filter((f) => f.endsWith('.ts'))).toEqual(['fine.ts'])
    const again = await runPipe(['import', '--from', 'test/fixtures/import/bad', '--out', relative(repoRoot, pipelines), '--connector', 'fine-sink'])
    expect(again.status).toBe(1)
    expect(again.stdout).toMatch(/^skipped fine-sink: already declared by .*fine\.ts$/m)
    writeFileSync(join(pipelines, 'fine.ts'), '// my own file\n')
    const kept = await runPipe(['import', '--from', 'test/fixtures/import/bad', '--out', relative(repoRoot, pipelines), '--connector', 'fine-sink'])
    expect(kept.status).toBe(1)
    expect(kept.stdout).toMatch(/^skipped fine-sink: .*fine\.ts exists \(use --force to overwrite it\)$/m)
    expect(readFileSync(join(pipelines, 'fine.ts'), 'utf8')).toBe('// my own file\n')
    const forced = await runPipe(['import', '--from', 'test/fixtures/import/bad', '--out', relative(repoRoot, pipelines), '--connector', 'fine-sink', '--force'])
    expect(forced.status, forced.stdout).toBe(0)
    expect(readFileSync(join(pipelines, 'fine.ts'), 'utf8')).toMatch(/fileSink\(\{ file: '\/tmp\/fine\.txt' \}\)/)
  })

  it('--json gives each imported connector with its file, pipeline and initial state', async () => {
    const { pipelines } = project('json')
    const run = await runPipe(['import', '--from', 'test/fixtures/import/good', '--out', relative(repoRoot, pipelines), '--connector', 'lines-source', 'lines-sink', 'orders-audit', '--json'])
    expect(run.status, run.stdout + run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { status: string; connectors: unknown[] }
    expect(report.status).toBe('ok')
    const file = (name: string): string => relative(repoRoot, join(pipelines, name))
    expect(report.connectors).toEqual([
      { name: 'lines-sink', pipeline: 'lines', file: file('lines.ts'), initialState: 'paused' },
      { name: 'lines-source', pipeline: 'lines', file: file('lines.ts') },
      { name: 'orders-audit', pipeline: 'orders', file: file('orders.ts'), initialState: 'stopped' },
    ])
  })

  it('gives one line for an unreachable URL', async () => {
    const run = await runPipe(['import', '--connect', 'http://127.0.0.1:1', '--out', relative(repoRoot, join(scratch, 'none'))])
    expect(run.status).toBe(1)
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME)
    expect((run.stdout + run.stderr).trim().split('\n')).toHaveLength(1)
    expect(run.stdout + run.stderr).toMatch(/^pipe import: error PIPE_/)
  })

  it('gives one line for a server that is not Kafka Connect', async () => {
    const server = createServer((_request, response) => { response.writeHead(404, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p>nope</p>') })
    await new Promise<void>((done) => { server.listen(0, '127.0.0.1', done) })
    try {
      const address = server.address()
      const url = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`
      const run = await runPipe(['import', '--connect', url, '--out', relative(repoRoot, join(scratch, 'none'))])
      expect(run.status).toBe(1)
      expect((run.stdout + run.stderr).trim()).toBe(`pipe import: error PIPE_NOT_KAFKA_CONNECT: ${url} has no GET /connectors: it is not a Kafka Connect REST API; fix: give --connect a Kafka Connect worker's REST URL, e.g. http://connect:8083`)
    } finally {
      server.close()
    }
  })

  it('skips a connector whose config the worker answers 500 for, with one line, imports the others, exits 1', async () => {
    // a worker that cannot list with ?expand (one connector's config is unreadable) but answers the others one by one
    // and whose plugin has a PASSWORD key that does not look like one: its literal value is never written
    const config = { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: '/tmp/good.txt', topics: 'good', name: 'good-sink', 'acme.auth': 'sentinel-acme-42' }
    const server = createServer((request, response) => {
      const answer = (status: number, body: unknown): void => { response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)) }
      const url = request.url ?? ''
      if (url.startsWith('/connectors?')) answer(500, { error_code: 500, message: 'Failed to read connector config' })
      else if (url === '/connectors') answer(200, ['good-sink', 'broken-sink'])
      else if (url === '/connectors/good-sink/config') answer(200, config)
      else if (url === '/connectors/good-sink/status') answer(200, { name: 'good-sink', connector: { state: 'PAUSED', worker_id: 'w:1' }, tasks: [], type: 'sink' })
      else if (url === '/connector-plugins/org.apache.kafka.connect.file.FileStreamSinkConnector/config') answer(200, [{ name: 'file', type: 'STRING' }, { name: 'acme.auth', type: 'PASSWORD' }])
      else answer(500, { error_code: 500, message: 'Failed to read connector config' })
    })
    await new Promise<void>((done) => { server.listen(0, '127.0.0.1', done) })
    try {
      const address = server.address()
      const url = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`
      const { pipelines } = project('worker-errors')
      const run = await runPipe(['import', '--connect', url, '--out', relative(repoRoot, pipelines)])
      expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME)
      expect(run.status, run.stdout + run.stderr).toBe(1)
      expect(run.stdout).toMatch(/^skipped broken-sink: GET \/connectors\/broken-sink\/config answered 500: Failed to read connector config$/m)
      expect(readdirSync(pipelines).filter((f) => f.endsWith('.ts'))).toEqual(['good.ts'])
      const written = readFileSync(join(pipelines, 'good.ts'), 'utf8')
      expect(written).toContain("initialState: 'paused'")
      expect(written).toContain("'acme.auth': env('GOOD_SINK_ACME_AUTH')")
      expect(written + run.stdout + run.stderr).not.toContain('sentinel-acme-42')
      expect(run.stdout).toMatch(/^ {2}GOOD_SINK_ACME_AUTH {2}\(good-sink: acme\.auth\)$/m)
    } finally {
      server.close()
    }
  })

  it('imports from a pipe worker over REST the same files as from the connector files', async () => {
    const worker = await startPipeWorker()
    try {
      const good = originals(join(FIXTURES, 'good'))
      const names = ['lines-source', 'lines-sink', 'orders-audit']
      const states: Record<string, string> = { 'lines-sink': 'PAUSED', 'orders-audit': 'STOPPED' }
      const post = async (name: string): Promise<void> => {
        const body = JSON.stringify({ name, config: good.get(name), ...(states[name] === undefined ? {} : { initial_state: states[name] }) })
        const response = await fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        expect(response.status, await response.text()).toBe(201)
      }
      const stateOf = async (name: string): Promise<string> => ((await (await fetch(`${worker.url}/connectors/${name}/status`)).json()) as { connector: { state: string } }).connector.state
      const settled = async (name: string, state: string): Promise<string> => {
        const end = Date.now() + 10_000
        let seen = await stateOf(name)
        while (seen !== state && Date.now() < end) {
          await new Promise((r) => setTimeout(r, 100))
          seen = await stateOf(name)
        }
        return seen
      }
      for (const name of names) await post(name)
      expect(await settled('lines-sink', 'PAUSED')).toBe('PAUSED')
      expect(await settled('orders-audit', 'STOPPED')).toBe('STOPPED')
      const before = new Map(names.map((n) => [n, good.get(n) ?? {}]))
      const fromWorker = await roundTrip('worker', ['--connect', worker.url], before)
      // the fixtures were not written by pipe: it adds its owner marker, nothing else
      // a paused or stopped connector keeps its state in the file, and compiling gives it back
      expect(fromWorker.importOut).not.toMatch(/^note:/m)
      expect(readFileSync(join(fromWorker.pipelines, 'lines.ts'), 'utf8')).toContain("initialState: 'paused'")
      expect(readFileSync(join(fromWorker.pipelines, 'orders.ts'), 'utf8')).toContain("initialState: 'stopped'")
      expect(Object.fromEntries([...fromWorker.compiled].map(([n, d]) => [n, d.initial_state]))).toEqual({ 'lines-source': undefined, ...states })
      for (const [connector, lines] of fromWorker.diffs) expect(lines.filter((l) => !l.startsWith('added pipe.pipeline=')), connector).toEqual([])
      // pipe plan against the same worker: nothing to do (a connector declared as it is stays unmarked until its next change)
      const plan = await runPipe(['plan', '--connect', worker.url, relative(repoRoot, fromWorker.pipelines)])
      expect(plan.status, plan.stdout + plan.stderr).toBe(0)
      // hand-made SMT and predicate aliases come back as they were (.as()): no renamed transforms.* key
      for (const name of names) expect(plan.stdout).toMatch(new RegExp(`^= unchanged ${name}\\b`, 'm'))
      const { pipelines } = project('files')
      const fromFiles = await runPipe(['import', '--from', 'test/fixtures/import/good', '--out', relative(repoRoot, pipelines), '--connector', ...names])
      expect(fromFiles.status, fromFiles.stdout).toBe(0)
      const body = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8').split('\n').slice(1).join('\n')
      for (const file of ['lines.ts', 'orders.ts']) expect(body(fromWorker.pipelines, file), file).toBe(body(pipelines, file))
      // pipe deploy creates the deleted connectors in their initial state, and leaves the state of the others alone
      for (const name of ['lines-sink', 'orders-audit']) expect((await fetch(`${worker.url}/connectors/${name}`, { method: 'DELETE' })).status).toBe(204)
      const deployed = await runPipe(['deploy', '--connect', worker.url, '--yes', relative(repoRoot, fromWorker.pipelines)])
      expect(deployed.stderr).not.toMatch(STACK_FRAME)
      expect(deployed.status, deployed.stdout + deployed.stderr).toBe(0)
      expect(deployed.stdout).toMatch(/note: created PAUSED \(its initial state\)/)
      expect(deployed.stdout).toMatch(/note: created STOPPED \(its initial state\)/)
      expect(await settled('lines-sink', 'PAUSED')).toBe('PAUSED')
      expect(await settled('orders-audit', 'STOPPED')).toBe('STOPPED')
    } finally {
      await worker.stop()
    }
  })
})
