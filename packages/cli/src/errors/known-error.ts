import { join } from 'node:path'
import { fsReason } from '../util/make-directory.js'
import type { OneLineError } from './one-line-error.js'

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined
const text = (value: unknown, key: string): string | undefined => {
  const v = field(value, key)
  return typeof v === 'string' ? v : undefined
}

/** An error of the user's environment that an error class of pipe's own already words: code, message, hint. */
const WORDED = new Set(['UserError', 'DeployUserError', 'ConnectError', 'RuntimeError'])

/**
 * What went wrong with an embedded store (better-sqlite3's SqliteError, or the file system while
 * opening it), as one line that names `<stateDir>/pipe.db` and what to do. Undefined for anything else.
 */
export function storeError(stateDir: string, error: unknown): OneLineError | undefined {
  const db = join(stateDir, 'pipe.db')
  const code = text(error, 'code')
  const message = (text(error, 'message') ?? '').split('\n')[0] ?? ''
  const restore = 'restore the state directory from a backup, or delete it (its topics and offsets start over)'
  if (text(error, 'name') === 'MakeDirectoryError') {
    return { code: 'PIPE_STATE_DIR', message: `cannot use --state-dir '${stateDir}': '${text(error, 'path') ?? stateDir}': ${fsReason(code)}`, hint: 'pass a folder this user can write as --state-dir (it is created when missing)' }
  }
  if (text(error, 'name') !== 'SqliteError' || code === undefined) {
    if (code === undefined || text(error, 'syscall') === undefined) return undefined
    return { code: 'PIPE_STATE_DIR', message: `cannot use --state-dir '${stateDir}': '${text(error, 'path') ?? stateDir}': ${code === 'EEXIST' ? 'it is a file, not a folder (EEXIST)' : fsReason(code)}`, hint: 'pass a folder this user can write as --state-dir (it is created when missing)' }
  }
  if (code === 'SQLITE_CORRUPT') return { code: 'PIPE_STATE_DIR', message: `the embedded store '${db}' is damaged: ${message}`, hint: restore }
  if (code === 'SQLITE_NOTADB') return { code: 'PIPE_STATE_DIR', message: `'${db}' is not a pipe store: ${message}`, hint: `pass the --state-dir of a pipe run, or move '${db}' away (pipe then starts a new store)` }
  if (code === 'SQLITE_CANTOPEN') return { code: 'PIPE_STATE_DIR', message: `cannot open the embedded store '${db}': ${message}`, hint: 'pass as --state-dir a folder this user can write, whose pipe.db (if any) is a file' }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return { code: 'PIPE_STATE_DIR', message: `the embedded store '${db}' is read-only: ${message}`, hint: 'pass a --state-dir this user can write' }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY_')) return { code: 'PIPE_STATE_DIR', message: `the embedded store '${db}' is busy: ${message}`, hint: 'another process holds it: wait for it, or pass another --state-dir' }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return { code: 'PIPE_STATE_DIR', message: `cannot write the embedded store '${db}': ${message}`, hint: 'free space on its disk, or pass a --state-dir on another one' }
  if (/^no such (table|column)|has no column/.test(message)) return { code: 'PIPE_STATE_DIR', message: `'${db}' is a SQLite database of another program, not a pipe store (${message})`, hint: `pass the --state-dir of a pipe run, or move '${db}' away` }
  return { code: 'PIPE_STATE_DIR', message: `the embedded store '${db}' cannot be used: ${message} (${code})`, hint: restore }
}

/**
 * The one line for an error that comes from the user's input or environment rather than from a
 * bug: pipe's own worded errors, file system errors on a path, a store that is not pipe's, Kafka
 * errors. Undefined for anything else (a bug, reported with its trace).
 */
export function knownError(error: unknown, stateDir = '.pipe'): OneLineError | undefined {
  const name = text(error, 'name')
  const code = text(error, 'code')
  const message = text(error, 'message') ?? ''
  if (name !== undefined && WORDED.has(name) && code !== undefined) return { code, message, hint: text(error, 'hint') }
  if (name === 'MakeDirectoryError') return { code: 'PIPE_FILE_ACCESS', message }
  if (name === 'SqliteError') return storeError(stateDir, error)
  if (name?.startsWith('KafkaJS') === true) {
    const cause = text(field(error, 'cause'), 'message')
    return { code: 'PIPE_KAFKA_ERROR', message: `Kafka: ${message}${cause === undefined || cause === message ? '' : ` (${cause})`}`, hint: 'check --bootstrap-servers and that the brokers are up and reachable at the addresses they advertise' }
  }
  const path = text(error, 'path')
  const syscall = text(error, 'syscall')
  if (code !== undefined && /^E[A-Z]+$/.test(code) && path !== undefined && syscall !== undefined) {
    return { code: 'PIPE_FILE_ACCESS', message: `cannot ${syscall} '${path}': ${fsReason(code)}`, hint: 'check the path and its permissions' }
  }
  return undefined
}
