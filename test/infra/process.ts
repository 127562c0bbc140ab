import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Starts a long-lived server in its own process group, output appended to `logFile`. Returns its pid.
 * `as` runs it as another user (a root harness starting PostgreSQL, which refuses to run as root).
 */
export function startDetached(command: string, args: readonly string[], logFile: string, cwd: string, as?: { readonly uid: number; readonly gid: number }): number {
  const fd = openSync(logFile, 'a')
  try {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', fd, fd], ...as })
    child.unref()
    if (child.pid === undefined) throw new Error(`could not start ${command}`)
    return child.pid
  } finally {
    closeSync(fd)
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** SIGTERM to the process group, then SIGKILL after `graceMs`: only ever pids this harness started. */
export async function stopProcess(pid: number, graceMs = 20_000): Promise<void> {
  if (!isAlive(pid)) return
  signalGroup(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return
    await sleep(200)
  }
  signalGroup(pid, 'SIGKILL')
  while (isAlive(pid)) await sleep(50)
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    try { process.kill(pid, signal) } catch { /* already gone */ }
  }
}

/**
 * A detached shell that stops `pids` once `ownerPid` is gone: a test run killed by Ctrl-C, a crash or
 * SIGKILL leaves no server behind. It exits by itself when the servers stop first.
 */
export function startWatchdog(ownerPid: number, pids: readonly number[]): void {
  if (pids.length === 0) return
  const list = pids.join(' ')
  const script = [
    `while kill -0 ${ownerPid} 2>/dev/null; do`,
    `  alive=0; for p in ${list}; do kill -0 $p 2>/dev/null && alive=1; done`,
    '  [ $alive = 1 ] || exit 0; sleep 1',
    'done',
    `for p in ${list}; do kill -TERM -- -$p 2>/dev/null || kill -TERM $p 2>/dev/null; done`,
    'for i in $(seq 1 40); do alive=0',
    `  for p in ${list}; do kill -0 $p 2>/dev/null && alive=1; done`,
    '  [ $alive = 1 ] || exit 0; sleep 0.5',
    'done',
    `for p in ${list}; do kill -KILL -- -$p 2>/dev/null || kill -KILL $p 2>/dev/null; done`,
  ].join('\n')
  const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' })
  child.unref()
}
