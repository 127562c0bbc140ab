import type { FileHandle } from 'node:fs/promises'

/** What the file sink commits with its offsets: the file's length then, and the next offset per `topic/partition`. */
export interface SinkCheckpoint {
  readonly length: number
  readonly next: ReadonlyMap<string, number>
}

/** A line to write: the record's `topic/partition`, its offset, and its bytes (newline included). */
export interface PendingLine {
  readonly key: string
  readonly offset: number
  readonly bytes: Buffer
}

/** Reads a checkpoint; one written before `next` existed (`{length}`) has no offsets. */
export function parseSinkCheckpoint(text: string | null): SinkCheckpoint | undefined {
  if (text === null) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || !('length' in parsed) || typeof parsed.length !== 'number') return undefined
  const next = new Map<string, number>()
  if ('next' in parsed && typeof parsed.next === 'object' && parsed.next !== null) {
    for (const [key, offset] of Object.entries(parsed.next)) if (typeof offset === 'number') next.set(key, offset)
  }
  return { length: parsed.length, next }
}

/**
 * After a restart, the records from the committed offsets come again, and the file may already
 * hold their lines after the committed length: written before the crash, never committed. Each
 * redelivered record whose line is in the file exactly there is skipped instead of written twice;
 * a line the file ends inside (a write cut short) is completed. The first record that does not
 * match ends the matching for good: it and every later line are appended, and whatever follows the
 * committed length stays (another task's or pipeline's lines: at least once, as Kafka Connect).
 * Only records that continue exactly from the committed offsets are matched (a partition the
 * checkpoint does not know: from its first record), so no other line is taken for one of its own.
 */
export class Redelivery {
  #position: number
  #end: number
  readonly #expected: Map<string, number>
  #done = false

  constructor(readonly handle: FileHandle, committed: SinkCheckpoint, end: number) {
    this.#position = committed.length
    this.#end = end
    this.#expected = new Map(committed.next)
  }

  /** Where this task's own lines after the commit start: up to here the file holds the matched lines. */
  get position(): number {
    return this.#position
  }
  get done(): boolean {
    return this.#done
  }

  /** How many of `lines` are in the file already; `suffix`: what to write of the next one, cut short in the file. */
  async match(lines: readonly PendingLine[]): Promise<{ skip: number; suffix?: Buffer }> {
    const wanted = Math.min(lines.reduce((n, l) => n + l.bytes.length, 0), this.#end - this.#position)
    const window = Buffer.alloc(wanted)
    const { bytesRead } = await this.handle.read(window, 0, wanted, this.#position)
    if (bytesRead < wanted) this.#end = this.#position + bytesRead
    let at = 0
    for (const [i, line] of lines.entries()) {
      const expected = this.#expected.get(line.key)
      if (expected !== undefined && expected !== line.offset) return this.#finish(i)
      const have = bytesRead - at
      const length = Math.min(have, line.bytes.length)
      if (!window.subarray(at, at + length).equals(line.bytes.subarray(0, length))) return this.#finish(i)
      at += length
      this.#position += length
      if (length < line.bytes.length) {
        this.#done = true
        return { skip: i, suffix: line.bytes.subarray(length) }
      }
      this.#expected.set(line.key, line.offset + 1)
      if (this.#position >= this.#end) return this.#finish(i + 1)
    }
    return { skip: lines.length }
  }

  #finish(skip: number): { skip: number } {
    this.#done = true
    return { skip }
  }
}
