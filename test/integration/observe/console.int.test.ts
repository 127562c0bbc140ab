// @servers
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../infra/browser.js'
import { freePort, startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const SHOTS = join(ROOT, 'build', 'screenshots')
const SENTINEL = 'console-sentinel-5e2a91'
const cleanups: (() => Promise<unknown>)[] = []
let browser: BrowserContext

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchBrowser()
  cleanups.push(() => browser.close())
})
afterAll(async () => { for (const c of cleanups.reverse()) await c() })

/** `pipelines/orders.ts` compiled for pipe worker: one file per connector. */
function compileOrders(): string[] {
  const out = join(tmpdir(), `pipe-console-orders-${String(process.pid)}`)
  rmSync(out, { recursive: true, force: true })
  const run = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/pipe.js'), 'compile', 'pipelines/orders.ts', '--target', 'pipe', '--out', out], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`pipe compile failed: ${run.stderr}`)
  return readdirSync(out).map((f) => join(out, f))
}

async function status(worker: PipeWorker, name: string): Promise<{ connector: { state: string }; tasks: { state: string }[] }> {
  return await (await fetch(`${worker.url}/connectors/${name}/status`)).json() as { connector: { state: string }; tasks: { state: string }[] }
}

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** An attribute of every element the selector finds. */
async function attrs(page: Page, selector: string, name: string): Promise<string[]> {
  return Promise.all((await page.locator(selector).all()).map(async (l) => await l.getAttribute(name) ?? ''))
}

/** Every body the page received, to look for a secret in. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = []
  page.on('response', (response) => { void response.text().then((t) => { bodies.push(t) }, () => undefined) })
  return bodies
}

describe('the web console of pipe worker, in headless Chromium', () => {
  it('draws orders.ts with its fork, shows records/s rising, pauses a connector and restarts a failed task; no secret reaches the page', async () => {
    const worker = await startPipeWorker(compileOrders(), { SENTINEL_VAR: SENTINEL })
    cleanups.push(() => worker.stop())
    // a sink whose file is a directory: its task fails
    const broken = join(worker.stateDir, 'broken-out')
    mkdirSync(broken)
    const create = await fetch(`${worker.url}/connectors`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'console-broken', config: { 'connector.class': 'FileStreamSink', file: broken, topics: 'orders', 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter', 'x.password': '${env:SENTINEL_VAR}' } }),
    })
    expect(create.status).toBe(201)
    const page = await browser.newPage()
    const bodies = recordResponses(page)
    await page.goto(`${worker.url}/ui/`)
    // the pipelines of the worker, and the graph of orders.ts: source, its steps, the topic, two sinks with their steps
    await page.waitForSelector('[data-pipeline="orders"] [data-node="connector:orders-archive"]')
    const nodes = await attrs(page, '[data-pipeline="orders"] [data-node]', 'data-node')
    expect(nodes).toEqual(expect.arrayContaining(['connector:orders-source', 'topic:orders', 'connector:orders-archive', 'connector:orders-console']))
    expect(nodes.filter((n) => n.startsWith('step:orders-source:'))).toHaveLength(4)
    const edges = await attrs(page, '[data-pipeline="orders"] [data-edge]', 'data-edge')
    expect(edges.filter((e) => e.startsWith('topic:orders->'))).toHaveLength(3) // the fork: archive, console (and the broken sink's own pipeline is apart)
    expect(await attrs(page, '[data-pipeline]', 'data-pipeline')).toEqual(expect.arrayContaining(['orders']))
    // records/s rising on the source
    const rate = async (): Promise<number> => Number(await page.getAttribute('[data-node="connector:orders-source"]', 'data-rate'))
    await until(async () => await rate() > 0, 'records/s above 0')
    await page.screenshot({ path: join(SHOTS, 'console-orders.png'), fullPage: true })
    // a connector's page: pause, and the REST API says PAUSED
    await page.click('[data-node="connector:orders-archive"]')
    await page.waitForSelector('[data-connector="orders-archive"]')
    await page.click('[data-action="pause"]')
    await until(async () => (await status(worker, 'orders-archive')).connector.state === 'PAUSED', 'PAUSED in the REST API')
    await page.waitForSelector('[data-connector-state="PAUSED"]')
    await page.click('[data-action="resume"]')
    await until(async () => (await status(worker, 'orders-archive')).connector.state === 'RUNNING', 'RUNNING again')
    // a failed task, its trace, and a restart once the cause is gone
    await page.goto(`${worker.url}/ui/#/connectors/console-broken`)
    await page.waitForSelector('[data-task-state="FAILED"]')
    expect(await page.textContent('.trace')).toContain('is a directory')
    await page.screenshot({ path: join(SHOTS, 'console-failed-task.png'), fullPage: true })
    rmSync(broken, { recursive: true })
    await page.click('[data-action="restart task 0"]')
    await until(async () => (await status(worker, 'console-broken')).tasks[0]?.state === 'RUNNING', 'the restarted task RUNNING')
    await page.waitForSelector('[data-task-state="RUNNING"]')
    // the config is shown with its placeholder, never the value
    expect(await page.textContent('.config')).toContain('${env:SENTINEL_VAR}')
    expect(await page.content()).not.toContain(SENTINEL)
    expect(bodies.length).toBeGreaterThan(5)
    expect(bodies.filter((b) => b.includes(SENTINEL))).toEqual([])
    await page.close()
  })

  it('asks for the token of a worker started with --auth-token and refuses a wrong one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-console-auth-'))
    const source = join(dir, 'auth-src.json')
    await writeFile(join(dir, 'in.txt'), 'a\nb\n')
    await writeFile(source, JSON.stringify({ name: 'auth-src', config: { 'connector.class': 'FileStreamSource', file: join(dir, 'in.txt'), topic: 'auth-lines' } }))
    const worker = await startPipeWorker(['--auth-token', 'tok-console', source])
    cleanups.push(() => worker.stop())
    const page = await browser.newPage()
    await page.goto(`${worker.url}/ui/`)
    await page.waitForSelector('form.token')
    await page.fill('#token', 'wrong')
    await page.click('form.token button')
    await page.waitForSelector('.refused')
    expect(await page.$('[data-pipeline]')).toBeNull()
    await page.fill('#token', 'tok-console')
    await page.click('form.token button')
    await page.waitForSelector('[data-node="connector:auth-src"]')
    await page.close()
  })

  it('serves the same console for pipe run --ui: the graph of orders.ts, and pause through it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-console-run-'))
    const port = await freePort()
    const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/pipe.js'), 'run', join(ROOT, 'pipelines/orders.ts'), '--state-dir', join(dir, '.pipe'), '--ui', `127.0.0.1:${String(port)}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const exited = new Promise<number | null>((done) => { child.once('exit', (code) => { done(code) }) })
    cleanups.push(async () => { if (child.exitCode === null) child.kill('SIGKILL'); await exited })
    const url = `http://127.0.0.1:${String(port)}`
    await until(async () => (await fetch(`${url}/ui/`).catch(() => undefined))?.ok === true, `pipe run --ui listening (${stderr})`)
    const page = await browser.newPage()
    await page.goto(`${url}/ui/`)
    await page.waitForSelector('[data-pipeline="orders"] [data-node="connector:orders-console"]')
    const edges = await attrs(page, '[data-pipeline="orders"] [data-edge]', 'data-edge')
    expect(edges.filter((e) => e.startsWith('topic:orders->'))).toHaveLength(2)
    await until(async () => Number(await page.getAttribute('[data-node="connector:orders-source"]', 'data-rate')) > 0, 'records/s above 0')
    await page.screenshot({ path: join(SHOTS, 'console-pipe-run.png'), fullPage: true })
    await page.click('[data-node="connector:orders-archive"]')
    await page.click('[data-action="pause"]')
    await until(async () => (await (await fetch(`${url}/connectors/orders-archive/status`)).json() as { connector: { state: string } }).connector.state === 'PAUSED', 'PAUSED')
    await page.close()
    child.kill('SIGINT')
    expect(await exited, stderr).toBe(0)
  })
})
