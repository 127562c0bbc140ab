import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The built CLI, as users run it (`pnpm build` first). */
export const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')

export interface PipeRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the built `pipe` in a child process (asynchronously, so tests can run several at once).
 * The child's environment is this one's plus `env`; NO_COLOR keeps the output plain.
 */
export function runPipe(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; user?: string } = {}): Promise<PipeRun> {
  const node = [process.execPath, pipeBin, ...args]
  // as another user (tests run as root, for whom no permission is ever denied): runuser -u <user> -- node pipe ...
  const [command = '', ...rest] = options.user === undefined ? node : ['runuser', '-u', options.user, '--', ...node]
  return new Promise((done, fail) => {
    const child = spawn(command, rest, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', fail)
    child.on('close', (status) => { done({ status, stdout, stderr }) })
  })
}

/** Stack-trace lines (`    at fn (file:1:2)`): the output of `pipe` on bad input must have none. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m
