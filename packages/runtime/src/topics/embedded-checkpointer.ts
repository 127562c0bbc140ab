import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the WAL is copied into the database file. */
const INTERVAL_MS = 500

// runs in the thread: its own connection, a PASSIVE checkpoint now and then (never waits for, nor blocks, the writer)
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

/** A thread checkpointing a WAL database; `stop` ends it. */
export interface Checkpointer {
  stop(): Promise<void>
}

/**
 * Checkpoints `path` (a SQLite database in WAL mode whose writer set `wal_autocheckpoint = 0`) on
 * its own thread. SQLite's automatic checkpoint runs inside the committing call, on the event
 * loop, with its fsyncs: on a busy disk that held the loop (REST calls, signals, every task) for
 * 100 ms and more. Copying the WAL is a reader's job in SQLite, so a second connection may do it
 * at any time, and crash safety is unchanged.
 */
export function startCheckpointer(path: string): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(THREAD, { eval: true, workerData: { module, path, intervalMs: INTERVAL_MS } })
  worker.unref()
  const exited = new Promise<void>((resolve) => { worker.once('exit', () => { resolve() }) })
  worker.once('error', () => undefined) // a failed checkpoint thread leaves the WAL to the next open
  return {
    async stop() {
      worker.ref() // else a process awaiting only this would end here, before its caller went on
      worker.postMessage('stop')
      await exited
    },
  }
}
