import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** How often a checkpoint starts: the WAL grows by what is written meanwhile. */
const CHECKPOINT_EVERY_MS = 250
/** Checkpoint passes per request at most. */
const MAX_PASSES = 8
/** A pass that found fewer new WAL frames than this (4 KiB pages: 1 MiB) ends the request. */
const FEW_FRAMES = 256

/** One produce call's records for one partition, encoded as stored (embedded-batch.ts), at offsets `base`..`last`. */
export interface StoredRun {
  readonly topic: string
  readonly partition: number
  readonly base: number
  readonly last: number
  readonly maxTimestamp: number
  readonly bytes: number
  readonly stored: Uint8Array
}

/** What one transaction writes: the batches of a produce call and the source offsets that produced them (JSON; null deletes). */
export interface StoreWrite {
  readonly runs: readonly StoredRun[]
  readonly connector: string
  readonly offsets: readonly (readonly [key: string, offset: string | null])[]
}

// the checkpointer, started by the writer thread: its own connection, PASSIVE checkpoints when asked (they never
// wait for, nor block, the writer), passes until one had little to copy, so that the writer's own pass then copies
// only that little: a checkpointer alone, chasing a busy writer, never completes a checkpoint and the WAL grows
// without end; the writer alone spent a fifth of its time copying (1M records of 200 B, 2026-12-07)
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return }
  try {
    let logged = 0
    for (let pass = 0; pass < ${String(MAX_PASSES)}; pass++) {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)')
      const fresh = result.log - logged
      logged = result.log
      if (fresh < ${String(FEW_FRAMES)}) break
    }
  } catch {}
  parentPort.postMessage('done')
})
`

// the writer thread: the store's only writer of batches and source offsets, one transaction per write, answered
// in order once committed; after a failed write it refuses every write until reset (their offsets followed the failed
// one's). Between two writes, once the checkpointer is done, it finishes the checkpoint: the next write starts the WAL over.
const WRITER = `
const { parentPort, workerData, Worker } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.path)
db.pragma('synchronous = ' + workerData.synchronous)
db.pragma('busy_timeout = 5000')
db.pragma('wal_autocheckpoint = 0')
db.pragma('journal_size_limit = ${String(16 * 2 ** 20)}')
const insert = db.prepare('INSERT INTO batches (topic, partition, base_offset, last_offset, max_timestamp, bytes, records) VALUES (?, ?, ?, ?, ?, ?, ?)')
const put = db.prepare('INSERT INTO source_offsets (connector, partition_key, offset) VALUES (?, ?, ?) ON CONFLICT (connector, partition_key) DO UPDATE SET offset = excluded.offset')
const remove = db.prepare('DELETE FROM source_offsets WHERE connector = ? AND partition_key = ?')
const write = db.transaction((w) => {
  for (const r of w.runs) insert.run(r.topic, r.partition, r.base, r.last, r.maxTimestamp, r.bytes, r.stored)
  for (const [key, offset] of w.offsets) {
    if (offset === null) remove.run(w.connector, key)
    else put.run(w.connector, key, offset)
  }
})
const checkpointer = new Worker(workerData.checkpointer, { eval: true, workerData })
checkpointer.on('error', () => {}) // a failed checkpointer leaves the WAL to the next open
let running = true
checkpointer.once('exit', () => { running = false })
let busy = false
let done = false
let requestedAt = 0
checkpointer.on('message', () => { busy = false; done = true })
const checkpoint = () => {
  try {
    if (done) { done = false; db.pragma('wal_checkpoint(PASSIVE)') }
  } catch {}
  const now = Date.now()
  if (busy || now - requestedAt < ${String(CHECKPOINT_EVERY_MS)}) return
  requestedAt = now
  busy = true
  checkpointer.postMessage('checkpoint')
}
let failed = false
parentPort.on('message', (m) => {
  if (m.kind === 'stop') {
    const close = () => { db.close(); parentPort.close() }
    if (!running) { close(); return }
    checkpointer.postMessage('stop')
    checkpointer.once('exit', close)
    return
  }
  if (m.kind === 'reset') { failed = false; return }
  if (failed) { parentPort.postMessage({ refused: true }); return }
  try {
    write(m.write)
  } catch (error) {
    failed = true
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } })
    return
  }
  // the batches go back as they came, moved, not copied: the owner's tail serves them
  const stored = m.write.runs.map((r) => r.stored)
  parentPort.postMessage({ stored }, stored.map((s) => s.buffer))
  checkpoint()
})
`

interface Reply {
  readonly stored?: readonly Uint8Array[]
  readonly error?: { readonly message: string; readonly code: string | undefined }
  readonly refused?: true
}

/** The thread that writes a store's batches (see startWriter). */
export interface StoreWriter {
  /**
   * Writes in one transaction on the thread; resolves once committed, with the runs' stored batches.
   * They are moved to the thread and back, not copied: a run's `stored` must own all of its ArrayBuffer
   * (as `encodeBatch` makes it: no slice of Node's pool), and is unusable from the call on. Writes
   * commit in the order they were made. After a failed write, the ones made before `reset` fail too,
   * with `WriteRefused`.
   */
  write(write: StoreWrite): Promise<readonly Buffer[]>
  /** Accepts writes again after a failure (made once the caller handed out offsets anew). */
  reset(): void
  stop(): Promise<void>
}

/** A write refused because an earlier one failed: its offsets came after the failed write's. */
export class WriteRefused extends Error {
  override readonly name = 'WriteRefused'
}

/**
 * Writes the batches and source offsets of a SQLite store (WAL mode; schema created) on a thread of its
 * own, which checkpoints the WAL with a second thread. Inserting, committing and checkpointing took a
 * quarter of the event loop's busy time at 1M records of 200 B (profile, 2026-12-07): the loop now polls
 * and encodes the next records, and runs the sinks, meanwhile. Crash safety is unchanged: a write resolves only once its transaction
 * committed, and a batch and its source offsets are one transaction. SQLite lets one connection write
 * at a time; the owner's own connection still writes the rest (topics, consumer offsets, retention), and
 * waits (busy_timeout) the few milliseconds of a commit here when they meet.
 */
export function startWriter(path: string, synchronous: 'FULL' | 'NORMAL'): StoreWriter {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WRITER, { eval: true, workerData: { module, path, synchronous, checkpointer: CHECKPOINTER } })
  // answers come in the order of the writes
  const waiting: { resolve: (stored: readonly Buffer[]) => void; reject: (error: Error) => void }[] = []
  let broken: Error | undefined
  const failAll = (error: Error): void => {
    broken ??= error
    for (const w of waiting.splice(0)) w.reject(error)
  }
  worker.on('message', (reply: Reply) => {
    const w = waiting.shift()
    if (waiting.length === 0) worker.unref()
    if (w === undefined) return
    if (reply.error !== undefined) w.reject(new Database.SqliteError(reply.error.message, reply.error.code ?? 'SQLITE_ERROR'))
    else if (reply.refused === true) w.reject(new WriteRefused('not written: an earlier write to the store failed'))
    else w.resolve((reply.stored ?? []).map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)))
  })
  worker.once('error', (error) => { failAll(error) })
  const exited = new Promise<void>((resolve) => { worker.once('exit', () => { failAll(new Error('the store writer thread ended')); resolve() }) })
  worker.unref()
  return {
    write(write) {
      if (broken !== undefined) return Promise.reject(broken)
      return new Promise<readonly Buffer[]>((resolve, reject) => {
        if (waiting.length === 0) worker.ref() // a write in flight keeps the process alive
        waiting.push({ resolve, reject })
        worker.postMessage({ kind: 'write', write }, write.runs.map((r) => r.stored.buffer as ArrayBuffer))
      })
    },
    reset() {
      worker.postMessage({ kind: 'reset' })
    },
    async stop() {
      worker.ref() // else a process awaiting only this would end here, before its caller went on
      worker.postMessage({ kind: 'stop' })
      await exited
    },
  }
}
