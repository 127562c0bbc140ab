import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** Checkpoint passes per request at most. */
const MAX_PASSES = 8
/** A pass that found fewer new WAL frames than this (4 KiB pages: 1 MiB) ends the request. */
const FEW_FRAMES = 256

// runs in the thread: its own connection, PASSIVE checkpoints when asked (they never wait for, nor block, the writer)
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const { closeSync, fsyncSync, openSync } = require('node:fs')
const Database = require(workerData.module)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return }
  try {
    // the segment files written since the last request first: the batches the checkpoint makes durable are on disk
    for (const path of m.sync) {
      let fd
      try { fd = openSync(path, 'r'); fsyncSync(fd) } catch {} finally { if (fd !== undefined) closeSync(fd) }
    }
    // passes until one had little to copy: the writer's own pass then copies only that little, and syncs it
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

/** A thread that checkpoints a WAL database when asked. */
export interface Checkpointer {
  /** Starts a checkpoint on the thread unless one runs, after syncing the files `sync` to disk. */
  request(sync: readonly string[]): void
  /** True once after each requested checkpoint finished: the writer may finish the rest now. */
  takeDone(): boolean
  /** True while a requested checkpoint runs. */
  readonly busy: boolean
  stop(): Promise<void>
}

/**
 * Checkpoints `path` (a SQLite database in WAL mode whose writer set `wal_autocheckpoint = 0`) on
 * its own thread. SQLite's automatic checkpoint runs inside the committing call, on the event
 * loop, with its fsyncs: on a busy disk that held the loop (REST calls, signals, every task) for
 * 100 ms and more. Copying the WAL is a reader's job in SQLite, so a second connection may do it
 * at any time, and crash safety is unchanged. The thread passes again while a pass found many new
 * frames (up to MAX_PASSES), so that the writer then copies few, those written during the last pass,
 * which lets its next write start the WAL over: a thread alone, chasing a busy writer, never
 * completes a checkpoint, and the WAL grows without end. (One pass left the writer 33 ms of copying
 * and syncing on the event loop per checkpoint on a 2-core machine at 1M records of 200 B; with
 * passes, 16-22 ms.)
 */
export function startCheckpointer(path: string): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(THREAD, { eval: true, workerData: { module, path } })
  worker.unref()
  const state = { busy: false, done: false }
  worker.on('message', () => {
    state.busy = false
    state.done = true
  })
  const exited = new Promise<void>((resolve) => { worker.once('exit', () => { resolve() }) })
  worker.once('error', () => undefined) // a failed checkpoint thread leaves the WAL to the next open
  return {
    request(sync) {
      if (state.busy) return
      state.busy = true
      worker.postMessage({ sync })
    },
    takeDone() {
      const done = state.done
      state.done = false
      return done
    },
    get busy() {
      return state.busy
    },
    async stop() {
      worker.ref() // else a process awaiting only this would end here, before its caller went on
      worker.postMessage('stop')
      await exited
    },
  }
}
