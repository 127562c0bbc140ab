import { createHash } from 'node:crypto'
import { closeSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { errorCode, RuntimeError } from '../errors.js'

/** Where a stored batch's bytes are: the segment (named by its first offset), the byte position in it, the length. */
export interface SegmentSlice {
  readonly segment: number
  readonly position: number
  readonly length: number
}

/** The segment file a partition appends to, open for writing. */
interface ActiveSegment {
  readonly segment: number
  readonly path: string
  readonly fd: number
  size: number
}

/** Read descriptors kept open at most (the oldest is closed first). */
const READ_FDS = 32
/** A directory name longer than this is shortened with a hash (a file name has at most 255 bytes). */
const MAX_DIR_NAME = 200

/** The segment file name of a segment: its first offset, 20 digits, as Kafka names its log segments. */
export const segmentFileName = (segment: number): string => `${String(segment).padStart(20, '0')}.log`

/** The folder of a topic partition under the segments folder: `<topic>-<partition>`, as Kafka names its log folders. */
export function partitionDirName(topic: string, partition: number): string {
  const name = `${encodeURIComponent(topic)}-${String(partition)}`
  if (name.length <= MAX_DIR_NAME) return name
  return `${name.slice(0, 100)}~${createHash('sha1').update(topic).digest('hex')}-${String(partition)}`
}

/** The error for a segment file that committed batches need and that is gone. */
export const missingSegment = (path: string): RuntimeError =>
  new RuntimeError('PIPE_STATE_DIR', `the embedded store is damaged: segment '${path}' holds committed records and is missing; fix: restore the state directory from a backup, or pass a new --state-dir (the topics start empty)`)

/** The disk under the store is full: the write of a batch failed, and its transaction was rolled back. */
export class StoreDiskFullError extends Error {
  override readonly name = 'StoreDiskFullError'
}

/**
 * The record bytes of the embedded store, as Kafka keeps them: per topic partition a folder of append-only segment
 * files, each named by its first offset; SQLite keeps where each batch is (`SegmentSlice`), with the batch's source
 * offsets, in the transaction that commits it. A batch is written here before that transaction, so a committed batch's
 * bytes are always in its file; bytes past the last committed batch (a process killed between the two, or a rolled-back
 * transaction) are cut off when the partition is next appended to (`recover`). One process appends (the one holding the
 * state directory's lock); others may read.
 */
export class SegmentLog {
  readonly #root: string
  readonly #active = new Map<string, ActiveSegment>()
  readonly #readFds = new Map<string, number>()
  /** segment files appended to since the last `takeWritten`: synced before each checkpoint */
  readonly #written = new Set<string>()
  /** bytes of all segment files: walked when first asked (again after files were cut or deleted), then counted */
  #size: number | undefined

  constructor(root: string) {
    this.#root = root
  }

  #dir(topic: string, partition: number): string {
    return join(this.#root, partitionDirName(topic, partition))
  }

  /** The segments present in a partition's folder, by first offset (none when it does not exist). */
  #segments(dir: string): number[] {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return []
      throw error
    }
    return names.filter((n) => /^\d{20}\.log$/.test(n)).map((n) => Number(n.slice(0, 20))).sort((a, b) => a - b)
  }

  /**
   * Makes a partition ready to append after `last` (its newest committed batch in a segment, if any): cuts off what
   * follows it in its file and deletes segment files started after it (a roll that was never committed).
   * `next` is the offset the next batch gets.
   */
  #recover(topic: string, partition: number, last: SegmentSlice | undefined, next: number): ActiveSegment | undefined {
    const dir = this.#dir(topic, partition)
    for (const segment of this.#segments(dir)) {
      if (last === undefined ? segment >= next : segment > last.segment) unlinkSync(join(dir, segmentFileName(segment)))
    }
    if (last === undefined) return undefined
    const path = join(dir, segmentFileName(last.segment))
    let fd: number
    try {
      fd = openSync(path, 'r+')
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error
      throw missingSegment(path)
    }
    const size = last.position + last.length
    if (statSync(path).size < size) {
      closeSync(fd)
      throw new RuntimeError('PIPE_STATE_DIR', `the embedded store is damaged: segment '${path}' is shorter than its committed records; fix: restore the state directory from a backup, or pass a new --state-dir (the topics start empty)`)
    }
    ftruncateSync(fd, size)
    this.#size = undefined
    return { segment: last.segment, path, fd, size }
  }

  /**
   * Appends a batch (`bytes`, records from offset `base`) to its partition; returns where it is. A new segment starts
   * at `base` when there is none yet or the current one holds `segmentBytes` or more. `last` gives the partition's
   * newest committed batch, asked once per partition (and again after `forget`). `sync`: flushed to disk before returning.
   */
  append(topic: string, partition: number, base: number, bytes: Uint8Array, segmentBytes: number, last: () => SegmentSlice | undefined, sync: boolean): SegmentSlice {
    const key = `${topic}:${String(partition)}`
    let active = this.#active.get(key)
    active ??= this.#recover(topic, partition, last(), base)
    if (active === undefined || active.size >= segmentBytes) {
      if (active !== undefined) closeSync(active.fd)
      const dir = this.#dir(topic, partition)
      mkdirSync(dir, { recursive: true })
      const path = join(dir, segmentFileName(base))
      active = { segment: base, path, fd: openSync(path, 'w'), size: 0 }
    }
    this.#active.set(key, active)
    const position = active.size
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(active.fd, bytes, done, bytes.length - done, position + done)
      if (sync) fdatasyncSync(active.fd)
    } catch (error) {
      if (errorCode(error) === 'ENOSPC') throw new StoreDiskFullError(`no space left on the device writing '${active.path}' (ENOSPC)`, { cause: error })
      throw error
    }
    active.size += bytes.length
    if (this.#size !== undefined) this.#size += bytes.length
    this.#written.add(active.path)
    return { segment: active.segment, position, length: bytes.length }
  }

  /**
   * Forgets the partitions' write positions (after a rolled-back transaction: bytes were written that no batch
   * references); the next append to each recovers it from its newest committed batch.
   */
  forget(): void {
    for (const active of this.#active.values()) closeSync(active.fd)
    this.#active.clear()
    this.#size = undefined
  }

  /** The segment files appended to since the last call. */
  takeWritten(): string[] {
    const paths = [...this.#written]
    this.#written.clear()
    return paths
  }

  /**
   * Reads a stored batch's bytes; `undefined` when its segment file is gone (deleted by retention since the batch was
   * looked up, or damage: the caller tells which).
   */
  read(topic: string, partition: number, slice: SegmentSlice): Buffer | undefined {
    const path = this.pathOf(topic, partition, slice.segment)
    let fd = this.#readFds.get(path)
    if (fd === undefined) {
      try {
        fd = openSync(path, 'r')
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined
        throw error
      }
      if (this.#readFds.size >= READ_FDS) {
        const [oldestPath, oldestFd] = this.#readFds.entries().next().value as [string, number]
        closeSync(oldestFd)
        this.#readFds.delete(oldestPath)
      }
      this.#readFds.set(path, fd)
    }
    const out = Buffer.allocUnsafe(slice.length)
    let done = 0
    while (done < slice.length) {
      const n = readSync(fd, out, done, slice.length - done, slice.position + done)
      if (n === 0) break
      done += n
    }
    if (done < slice.length) throw new RangeError(`segment '${path}' ends inside the stored batch at byte ${String(slice.position)}`)
    return out
  }

  /** The file of a segment. */
  pathOf(topic: string, partition: number, segment: number): string {
    return join(this.#dir(topic, partition), segmentFileName(segment))
  }

  /** Deletes a partition's segment files before `segment` (all of them when `undefined`, except the one appended to). */
  removeBelow(topic: string, partition: number, segment: number | undefined): void {
    const dir = this.#dir(topic, partition)
    const active = this.#active.get(`${topic}:${String(partition)}`)?.segment
    for (const s of this.#segments(dir)) {
      if ((segment !== undefined && s >= segment) || s === active) continue
      const path = join(dir, segmentFileName(s))
      const fd = this.#readFds.get(path)
      if (fd !== undefined) { closeSync(fd); this.#readFds.delete(path) }
      try { unlinkSync(path) } catch (error) { if (errorCode(error) !== 'ENOENT') throw error }
    }
    this.#size = undefined
  }

  /** Bytes of all segment files. */
  bytes(): number {
    if (this.#size !== undefined) return this.#size
    let bytes = 0
    let dirs: string[] = []
    try { dirs = readdirSync(this.#root) } catch { /* no segments yet */ }
    for (const d of dirs) {
      for (const s of this.#segments(join(this.#root, d))) {
        try { bytes += statSync(join(this.#root, d, segmentFileName(s))).size } catch { /* deleted meanwhile */ }
      }
    }
    this.#size = bytes
    return bytes
  }

  /** Syncs what was appended, closes every file. */
  close(): void {
    for (const active of this.#active.values()) if (this.#written.has(active.path)) fdatasyncSync(active.fd)
    this.#written.clear()
    this.forget()
    for (const fd of this.#readFds.values()) closeSync(fd)
    this.#readFds.clear()
  }
}
