import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { RuntimeError } from '../errors.js'

/** Who holds a state directory, as written to `<stateDir>/pipe.lock.json` for the next one to read. */
export interface LockHolder {
  readonly pid: number
  /** What runs there, e.g. `pipe run pipelines/x.ts` (never secrets: the caller chooses the text). */
  readonly command: string
  readonly since: string
}

/** A held state directory lock; `release` frees it (a dead process frees it too: the OS drops its locks). */
export interface StateDirLock {
  release(): void
}

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const { pid, command, since } = parsed as Record<string, unknown>
    return typeof pid === 'number' && typeof command === 'string' && typeof since === 'string' ? { pid, command, since } : undefined
  } catch {
    return undefined
  }
}

/** Printable without control characters (the holder file is data, not trusted text). */
const printable = (text: string): string => JSON.stringify(text).slice(1, -1)

/**
 * Takes the state directory for this process: an exclusive SQLite lock (an OS file lock: `fcntl`
 * on Unix, `LockFileEx` on Windows) on `<stateDir>/pipe.lock`, held until `release` or until the
 * process ends, however it ends; a `kill -9` leaves no stale lock behind. Throws
 * `PIPE_STATE_DIR_IN_USE` at once, naming the holder, when another process (or another backend
 * of this process) holds it.
 */
export function lockStateDir(stateDir: string, command: string): StateDirLock {
  const holderPath = join(stateDir, 'pipe.lock.json')
  const db = new Database(join(stateDir, 'pipe.lock'), { timeout: 0 })
  try {
    db.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    db.close()
    if (!isBusy(error)) throw error
    const holder = readHolder(holderPath)
    const who = holder === undefined ? 'another process' : `pid ${String(holder.pid)} (${printable(holder.command)}, since ${printable(holder.since)})`
    throw new RuntimeError('PIPE_STATE_DIR_IN_USE', `state directory '${stateDir}' is in use by ${who}`)
  }
  const holder: LockHolder = { pid: process.pid, command, since: new Date().toISOString() }
  writeFileSync(holderPath, `${JSON.stringify(holder)}\n`)
  let held = true
  return {
    release() {
      if (!held) return
      held = false
      rmSync(holderPath, { force: true })
      db.close()
    },
  }
}
