import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
/** A worker gets this long after Ctrl-C; its own shutdown deadline is shorter. */
const STOP_TIMEOUT_MS = 60_000

/** A `pipe worker` process started for a test, with everything it wrote. */
export interface PipeWorker {
  readonly url: string
  readonly stateDir: string
  readonly pid: number
  output(): string
  /** Ctrl-C, then waits for the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL: no shutdown at all (a crash). */
  kill(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => { done(port) })
    })
  })
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const end = Date.now() + 30_000
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`pipe worker exited with ${String(child.exitCode)}:\n${output()}`)
    try {
      if ((await fetch(`${url}/`)).status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`pipe worker did not answer on ${url} within 30 s:\n${output()}`)
}

/** Spawns the built CLI: `node packages/cli/bin/pipe.js worker --listeners ... --state-dir <tmp> [args]`. */
export async function startPipeWorker(args: readonly string[] = [], env: Readonly<Record<string, string>> = {}, options: { stateDir?: string; cwd?: string; url?: string } = {}): Promise<PipeWorker> {
  if (!existsSync(join(ROOT, 'packages/cli/dist/bin.js'))) throw new Error('the CLI is not built: run `pnpm build` first')
  // a --listeners in args replaces the free port's; the first listener is the worker's URL
  const given = args.indexOf('--listeners')
  // options.url: the worker's URL comes from elsewhere (its worker .properties file's listeners)
  const url = options.url ?? (given >= 0 ? (args[given + 1] ?? '').split(',')[0] ?? '' : `http://127.0.0.1:${String(await freePort())}`)
  const stateDir = options.stateDir ?? await mkdtemp(join(tmpdir(), 'pipe-worker-state-'))
  const child = spawn(process.execPath, [BIN, 'worker', ...(given >= 0 || options.url !== undefined ? [] : ['--listeners', url]), '--state-dir', stateDir, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd === undefined ? {} : { cwd: options.cwd }) })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((done) => { child.once('exit', (code) => { done(code) }) })
  await waitUntilServing(url, child, () => output)
  return {
    url, stateDir, pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>((done) => { timer = setTimeout(() => { done('late') }, STOP_TIMEOUT_MS) })
      const code = await Promise.race([exited, late])
      clearTimeout(timer)
      if (code !== 'late') return code
      child.kill('SIGKILL')
      await exited
      throw new Error(`pipe worker did not exit within ${String(STOP_TIMEOUT_MS / 1000)} s of Ctrl-C; killed it. Its output:\n${output.slice(-4000)}`)
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
