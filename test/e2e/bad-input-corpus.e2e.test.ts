import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { letUserReach } from '../support/let-user-reach.js'
import { CLI_CASES, writeWorkFiles, type CliCase } from './bad-input-cases.js'
import { pipeBin, repoRoot, runPipe, STACK_FRAME, type PipeRun } from './run-pipe.js'

/** What must never reach a user, whatever they type: a bug report request, a stack frame, a driver's class name. */
const LEAKS = /internal error|KafkaJS\w*Error|SqliteError|\bat (async )?\S+ \(.*:\d+:\d+\)/

function expectClean(output: string): void {
  expect(output).not.toMatch(STACK_FRAME)
  expect(output).not.toMatch(LEAKS)
}

/** The user `nobody` (65534 on Linux distributions). */
const NOBODY_UID = 65534

const work = mkdtempSync(join(tmpdir(), 'pipe-bad-input-'))
const sockets: Socket[] = []
const servers: Server[] = []
const addresses: Record<string, string> = {}

async function listen(name: string, server: Server): Promise<void> {
  servers.push(server)
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve) })
  const address = server.address()
  addresses[name] = `127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`
}

/** A copy of a store with pages overwritten, as a disk error or a bad copy leaves it. */
async function corruptStore(): Promise<void> {
  const made = await runPipe(['run', 'good.ts', '--max-idle', '500ms', '--state-dir', 'corrupt-db'], { cwd: work })
  expect(made.status).toBe(0)
  const fd = openSync(join(work, 'corrupt-db', 'pipe.db'), 'r+')
  writeSync(fd, Buffer.alloc(8192, 0xff), 0, 8192, 4096)
  closeSync(fd)
}

/** A SQLite database of another program, named pipe.db. */
function otherProgramsDatabase(): void {
  mkdirSync(join(work, 'other-db'))
  const require = createRequire(join(repoRoot, 'packages', 'runtime', 'package.json'))
  const Database = require('better-sqlite3') as new (path: string) => { exec(sql: string): void; close(): void }
  const db = new Database(join(work, 'other-db', 'pipe.db'))
  db.exec('CREATE TABLE records (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO records (title) VALUES (\'mine\')')
  db.close()
}

beforeAll(async () => {
  writeWorkFiles(work)
  otherProgramsDatabase()
  await listen('HTTP', createHttpServer((_, res) => { res.end('hello') }))
  await listen('CLOSE', createServer((s) => { s.destroy() }))
  await listen('SILENT', createServer((s) => { sockets.push(s) }))
  await listen('SSH', createServer((s) => { s.end('SSH-2.0-OpenSSH_9.6\r\n') }))
  await corruptStore()
}, 60_000)

afterAll(() => {
  for (const s of sockets) s.destroy()
  for (const s of servers) s.close()
})

const expand = (arg: string): string => arg.replaceAll('$W', work).replace(/\$(HTTP|CLOSE|SILENT|SSH)/g, (_, name: string) => addresses[name] ?? '')

/** Runs the built `pipe` like runPipe, with variables removed from the environment, killed after `timeoutMs` (a hang fails its case). */
function runCase(c: CliCase, timeoutMs: number): Promise<PipeRun> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', PIPE_BOOTSTRAP_SERVERS: undefined, PIPE_CONNECT_URL: undefined, ...c.env }
  for (const [key, value] of Object.entries(env)) if (value === undefined) Reflect.deleteProperty(env, key)
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [pipeBin, ...c.args.map(expand)], { cwd: c.inWork === true ? work : repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => { stderr += `\n(killed after ${String(timeoutMs)} ms)`; child.kill('SIGKILL') }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', fail)
    child.on('close', (status) => { clearTimeout(timer); done({ status, stdout, stderr }) })
  })
}

interface RestCase { readonly method: string; readonly path: string; readonly body?: string; readonly status: number; readonly message: RegExp }

const REST_CASES: readonly RestCase[] = [
  { method: 'POST', path: '/connectors', body: '{"config":{}}', status: 400, message: /contains no connector type/ },
  { method: 'POST', path: '/connectors', body: '{"name":"a","config":{"connector.class":"FileStreamSource"}}', status: 400, message: /'file' is required/ },
  { method: 'POST', path: '/connectors', body: '{"name":"a","config":{"connector.class":"FileStreamSource","file":"x","topic":"t","tasks.max":"abc"}}', status: 400, message: /Invalid value abc for configuration tasks\.max/ },
  { method: 'POST', path: '/connectors', body: '{"name":"a","config":{"connector.class":"FileStreamSink","file":"x","topics":"t","topics.regex":"t"}}', status: 400, message: /topics and topics\.regex are mutually exclusive/ },
  { method: 'POST', path: '/connectors', body: '{"name":"a","config":{"connector.class":"pipe:datagen-source"}}', status: 400, message: /'topic' is required/ },
  { method: 'GET', path: '/connectors/nosuch', status: 404, message: /Connector nosuch not found/ },
  { method: 'DELETE', path: '/connectors/nosuch', status: 404, message: /Connector nosuch not found/ },
  { method: 'GET', path: '/connectors/nosuch/config', status: 404, message: /nosuch/ },
  { method: 'PUT', path: '/connectors/nosuch/pause', status: 404, message: /Unknown connector nosuch/ },
  { method: 'PUT', path: '/connectors/nosuch/resume', status: 404, message: /nosuch/ },
  { method: 'POST', path: '/connectors/nosuch/restart', status: 404, message: /Unknown connector: nosuch/ },
  { method: 'GET', path: '/connectors/nosuch/tasks/0/status', status: 404, message: /No status found for task nosuch-0/ },
  { method: 'PATCH', path: '/connectors/nosuch/offsets', body: '{"offsets":[]}', status: 400, message: /Partitions \/ offsets need to be provided/ },
  { method: 'GET', path: '/no-such-resource', status: 404, message: /HTTP 404 Not Found/ },
  { method: 'DELETE', path: '/connectors', status: 405, message: /HTTP 405 Method Not Allowed/ },
  { method: 'POST', path: '/connectors/nosuch/tasks/abc/restart', status: 404, message: /HTTP 404 Not Found/ },
]

describe('the bad-input corpus: one clear line, exit 1, never an internal error or a trace', () => {
  it('has at least 60 cases', () => {
    expect(CLI_CASES.length + REST_CASES.length).toBeGreaterThanOrEqual(60)
  })

  // a few at a time (vitest's maxConcurrency, 5): the cores are shared; a hang is killed and fails its case
  it.concurrent.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const run = await runCase(c, 120_000)
    expectClean(run.stdout + run.stderr)
    const lines = run.stderr.trimEnd().split('\n').filter((l) => l.includes('error'))
    expect(lines.some((l) => c.line.test(l)), `stderr:\n${run.stderr}`).toBe(true)
    expect(run.status).toBe(c.exit)
  }, 150_000)
})

describe('the bad-input corpus on the REST API of pipe worker: a 4xx with Kafka Connect\'s error body', () => {
  let child: ChildProcess
  let url = ''
  let log = ''
  beforeAll(async () => {
    child = spawn(process.execPath, [pipeBin, 'worker', '--listeners', 'http://127.0.0.1:0', '--state-dir', join(work, 'rest-state')], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', PIPE_BOOTSTRAP_SERVERS: '' } })
    child.stdout?.setEncoding('utf8').on('data', (d: string) => { log += d })
    url = await new Promise<string>((resolve, reject) => {
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        log += d
        const found = /listening on (http:\/\/\S+)/.exec(log)
        if (found?.[1] !== undefined) resolve(found[1])
      })
      child.once('exit', () => { reject(new Error(`worker exited: ${log}`)) })
    })
  }, 30_000)
  afterAll(() => { child.kill('SIGINT') })

  it.each(REST_CASES.map((c) => [`${c.method} ${c.path} ${c.body ?? ''}`, c] as const))('%s', async (_, c) => {
    const response = await fetch(`${url}${c.path}`, { method: c.method, headers: { 'content-type': 'application/json' }, ...(c.body === undefined ? {} : { body: c.body }) })
    const body = await response.text()
    expect(response.status).toBe(c.status)
    const parsed = JSON.parse(body) as { error_code: unknown; message: unknown }
    expect(parsed.error_code).toBe(c.status)
    expect(parsed.message).toMatch(c.message)
    expectClean(body)
    expectClean(log)
  })
})

describe('a pipeline in a project whose node_modules this user cannot write', () => {
  // pipe runs as nobody: a checkout in a private folder (mktemp -d) must let it in for this while
  let restore: (() => void)[] = []
  beforeAll(() => { restore = [letUserReach('nobody', repoRoot), letUserReach('nobody', tmpdir())] })
  afterAll(() => { for (const undo of restore) undo() })

  /** A project owned by root: package.json, an empty node_modules, a pipeline that throws on its line 3. */
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-readonly-modules-'))
    chmodSync(dir, 0o755)
    mkdirSync(join(dir, 'node_modules'))
    writeFileSync(join(dir, 'package.json'), '{"name":"p","type":"module"}\n')
    writeFileSync(join(dir, 'p.ts'), "import { source } from '@pipe/dsl'\nvoid source\nthrow new Error('loaded')\n")
    return dir
  }

  it('loads it from a temporary file beside it, so an error points at its real line', async () => {
    const dir = project()
    chownSync(dir, NOBODY_UID, statSync(dir).gid)
    const run = await runPipe(['run', 'p.ts'], { cwd: dir, user: 'nobody' })
    expectClean(run.stderr)
    expect(run.stderr).toMatch(/^p\.ts:3:\d+ error PIPE_LOAD_FAILED: pipeline file threw while loading: Error: loaded$/m)
    expect(run.status).toBe(1)
    expect(readdirSync(dir).filter((f) => f.endsWith('.mjs'))).toEqual([])
  }, 60_000)

  it('says in one line where it could not write, and how to fix it, when the folder is not writable either', async () => {
    const run = await runPipe(['run', 'p.ts'], { cwd: project(), user: 'nobody' })
    expectClean(run.stderr)
    expect(run.stderr).toMatch(/^error PIPE_BUNDLE_WRITE_FAILED: cannot load p\.ts: .*'node_modules\/\.pipe-temp': permission denied \(EACCES\); '\.p\.[^']+\.mjs': permission denied \(EACCES\)\)$/m)
    expect(run.stderr).toContain("fix: make the project's node_modules writable for this user")
    expect(run.status).toBe(1)
  }, 60_000)
})
