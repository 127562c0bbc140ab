// @servers kafka connect
// The acceptance round trip of `pipe import`, on Apache Kafka Connect and on pipe worker (standalone and
// distributed; pipe worker holds only the FileStream ones, it has no Debezium or Camel plugin): connectors of every kind, with every built-in SMT and predicate, a paused and a stopped
// one, an `${env:...}` and a literal password, are posted by hand; `pipe import --connect` writes their
// pipeline files, `pipe check` finds no error, and `pipe plan` against the same worker changes nothing but
// the literal password (to its placeholder), whose value is in no output and no file. `pipe import --from`
// a folder of the same connectors' .json and .properties files writes the same files.
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { startDistributedWorker } from '../worker/distributed-workers.js'
import { startPipeWorker } from '../worker/pipe-worker.js'
import { clusterConnectors, type ClusterConnector } from './cluster-connectors.js'

interface Target { readonly label: string; readonly start: () => Promise<{ url: string; stop: () => Promise<unknown> }>; readonly plugins: boolean; readonly setSchemaMetadata: boolean }

const TARGETS: readonly Target[] = [
  { label: 'Apache Kafka Connect', plugins: true, setSchemaMetadata: true, start: () => Promise.resolve({ url: servers().connect.url, stop: () => Promise.resolve() }) },
  { label: 'pipe worker (standalone)', plugins: false, setSchemaMetadata: false, start: () => startPipeWorker() },
  { label: 'pipe worker (distributed)', plugins: false, setSchemaMetadata: false, start: () => startDistributedWorker(`import-${randomUUID().slice(0, 8)}`, servers().kafka.bootstrapServers) },
]

interface PlanJson { actions: { type: string; name: string; changes: { key: string; from?: string; to?: string }[]; notes: string[] }[] }

mkdirSync(join(repoRoot, 'build'), { recursive: true })

/** A project folder under the repo's build/ (so @pipe/dsl resolves) with a pipelines/ tsconfig. */
function project(root: string, name: string): string {
  const pipelines = join(root, name, 'pipelines')
  mkdirSync(pipelines, { recursive: true })
  writeFileSync(join(pipelines, 'tsconfig.json'), JSON.stringify({
    extends: relative(pipelines, join(repoRoot, 'tsconfig.base.json')),
    compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, customConditions: ['@pipe/source'] }, include: ['*.ts'],
  }))
  return relative(repoRoot, pipelines)
}

/** The connectors as connector files: the stateful ones as POST bodies with `initial_state`, every other one alternately .json and .properties. */
function writeConnectorFiles(dir: string, connectors: readonly ClusterConnector[]): void {
  mkdirSync(dir, { recursive: true })
  for (const [index, c] of connectors.entries()) {
    if (c.state !== undefined || index % 2 === 0) {
      writeFileSync(join(dir, `${c.name}.json`), JSON.stringify({ name: c.name, config: c.config, ...(c.state === undefined ? {} : { initial_state: c.state }) }, null, 2))
    } else {
      const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/^ /, '\\ ').replace(/[=:]/g, (m) => `\\${m}`)
      writeFileSync(join(dir, `${c.name}.properties`), `name=${c.name}\n${Object.entries(c.config).map(([k, v]) => `${escape(k)}=${escape(v)}`).join('\n')}\n`)
    }
  }
}

const filesOf = (dir: string): Map<string, string> =>
  new Map(readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(repoRoot, dir, f), 'utf8')]))

describe.each(TARGETS)('pipe import of a cluster, on $label', (target) => {
  const prefix = `imp${randomUUID().slice(0, 6)}`
  // made in beforeAll, so that a run filtered to another target leaves no folder behind
  let scratch = ''
  let connectors: ClusterConnector[] = []
  let secrets = { sentinel: '', literalConnector: '' }
  let names: string[] = []
  let worker: { url: string; stop: () => Promise<unknown> } | undefined
  const url = (): string => worker?.url ?? ''

  beforeAll(async () => {
    scratch = mkdtempSync(join(repoRoot, 'build', 'int-import-'))
    ;({ connectors, secrets } = clusterConnectors(prefix, join(scratch, 'data'), { plugins: target.plugins, setSchemaMetadata: target.setSchemaMetadata, postgresPort: servers().postgres.port }))
    names = connectors.map((c) => c.name)
    mkdirSync(join(scratch, 'data'), { recursive: true })
    worker = await target.start()
    for (const c of connectors) {
      const created = await connectRequest(url(), 'POST', '/connectors', { name: c.name, config: c.config, ...(c.createdInState === true ? { initial_state: c.state } : {}) })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      // by hand, as an operator does: PUT /pause, PUT /stop
      if (c.state !== undefined && c.createdInState !== true) expect((await connectRequest(url(), 'PUT', `/connectors/${c.name}/${c.state === 'PAUSED' ? 'pause' : 'stop'}`)).status).toBeLessThan(300)
    }
    for (const c of connectors.filter((x) => x.state !== undefined)) {
      await waitFor(`${c.name} ${c.state ?? ''}`, async () => {
        const status = await connectRequest(url(), 'GET', `/connectors/${c.name}/status`)
        return (status.body as { connector?: { state?: string } }).connector?.state === c.state ? true : undefined
      }, 30_000)
    }
  })

  afterAll(async () => {
    if (worker !== undefined) {
      for (const name of names) await connectRequest(url(), 'DELETE', `/connectors/${name}`).catch(() => undefined)
      await worker.stop()
    }
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true })
  })

  it('imports every connector; pipe check finds no error; pipe plan changes only the literal password, whose value is shown nowhere', async () => {
    expect(connectors.length).toBeGreaterThanOrEqual(target.plugins ? 12 : 6)
    const pipelines = project(scratch, 'from-worker')
    const imported = await runPipe(['import', '--connect', url(), '--out', pipelines, '--connector', ...names], { env: { PIPE_IMPORT_PG_PASSWORD: 'unused' } })
    const importOut = imported.stdout + imported.stderr
    expect(importOut).not.toMatch(STACK_FRAME)
    expect(imported.status, importOut).toBe(0)
    expect(importOut).toMatch(new RegExp(`^imported ${String(connectors.length)} connectors into \\d+ pipeline files from `, 'm'))
    const variable = `${secrets.literalConnector}_connection_password`.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
    if (target.plugins) expect(importOut).toMatch(new RegExp(`^  ${variable}  \\(${secrets.literalConnector}: connection\\.password\\)$`, 'm'))
    const files = filesOf(pipelines)
    const text = [...files.values()].join('\n')
    expect(text).toContain("initialState: 'paused'")
    expect(text).toContain("initialState: 'stopped'")
    if (target.plugins) expect(text).toContain("env('PIPE_IMPORT_PG_PASSWORD')")

    const check = await runPipe(['check', pipelines])
    expect(check.status, check.stdout + check.stderr).toBe(0)
    expect(check.stdout).toMatch(/no errors/)

    const plan = await runPipe(['plan', '--connect', url(), '--json', pipelines])
    const planOut = plan.stdout + plan.stderr
    const report = JSON.parse(plan.stdout) as PlanJson
    const ours = report.actions.filter((a) => names.includes(a.name))
    expect(ours.map((a) => a.name).sort()).toEqual([...names].sort())
    const changed = ours.filter((a) => a.type !== 'unchanged').map((a) => ({ name: a.name, type: a.type, changes: a.changes }))
    if (target.plugins) {
      // the literal password becomes its placeholder; the update marks the connector as pipe's
      expect(changed).toEqual([{ name: secrets.literalConnector, type: 'update', changes: [
        { key: 'connection.password', from: '[hidden]', to: `\${env:${variable}}` }, { key: 'pipe.pipeline', to: `${prefix}-customers` },
      ] }])
      expect(plan.status, planOut).toBe(2)
    } else {
      expect(changed).toEqual([])
    }
    const human = await runPipe(['plan', '--connect', url(), pipelines])
    for (const out of [importOut, check.stdout + check.stderr, planOut, human.stdout + human.stderr, text]) expect(out).not.toContain(secrets.sentinel)
  }, 240_000)

  it('imports the same pipeline files from a folder of the connectors\' .json and .properties files', async () => {
    const fromWorker = project(scratch, 'worker-again')
    const byWorker = await runPipe(['import', '--connect', url(), '--out', fromWorker, '--connector', ...names])
    expect(byWorker.status, byWorker.stdout + byWorker.stderr).toBe(0)
    const folder = join(scratch, 'connector-files')
    writeConnectorFiles(folder, connectors)
    const fromFiles = project(scratch, 'from-files')
    const byFiles = await runPipe(['import', '--from', relative(repoRoot, folder), '--out', fromFiles])
    expect(byFiles.stderr).not.toMatch(STACK_FRAME)
    expect(byFiles.status, byFiles.stdout + byFiles.stderr).toBe(0)
    const body = (t: string): string => t.split('\n').slice(1).join('\n')
    const a = filesOf(fromWorker)
    const b = filesOf(fromFiles)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [file, t] of a) expect(body(b.get(file) ?? ''), file).toBe(body(t))
  }, 240_000)
})
