import type { FileHandle } from 'node:fs/promises'
import { LineAssembler } from './file-lines.js'

const CHUNK = 1024 * 1024

async function bytesAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}

/** True when `position` is 0 or just past a line terminator (a '\r' directly followed by '\n' is not one). */
async function isLineStart(handle: FileHandle, position: number): Promise<boolean> {
  if (position === 0) return true
  const [before, at] = await bytesAt(handle, position - 1, 2)
  return before === 0x0a || (before === 0x0d && at !== 0x0a)
}

/**
 * The byte just past the line that ends `chars` UTF-16 code units into the file, counted as Kafka
 * Connect's task counts them (its reader decodes UTF-8 into Java chars); undefined when no line ends there.
 */
async function byteOfCharPosition(handle: FileHandle, chars: number): Promise<number | undefined> {
  const lines = new LineAssembler()
  let [charsSeen, bytesSeen, readAt] = [0, 0, 0]
  for (;;) {
    const chunk = await bytesAt(handle, readAt, CHUNK)
    if (chunk.length === 0) return undefined
    readAt += chunk.length
    for (const line of lines.push(chunk).lines()) {
      charsSeen += line.text.length + line.eol
      bytesSeen += line.bytes
      if (charsSeen >= chars) return charsSeen === chars ? bytesSeen : undefined
    }
  }
}

/** The first line start at or after `position` (bytes), or undefined when the file ends before one. */
async function nextLineStart(handle: FileHandle, position: number): Promise<number | undefined> {
  for (let at = position; ;) {
    const chunk = await bytesAt(handle, at, CHUNK)
    if (chunk.length === 0) return undefined
    const i = chunk.findIndex((c) => c === 0x0a || c === 0x0d)
    if (i >= 0) {
      const crlf = chunk[i] === 0x0d && (i + 1 < chunk.length ? chunk[i + 1] === 0x0a : (await bytesAt(handle, at + i + 1, 1))[0] === 0x0a)
      return at + i + (crlf ? 2 : 1)
    }
    at += chunk.length
  }
}

/**
 * Where to resume reading for a committed `position`. pipe records bytes, which is what Kafka
 * Connect's task does with a position on restart (`InputStream.skip`), but Kafka Connect *records*
 * UTF-16 code units read since it opened the file (plus the bytes it skipped then): on a
 * non-ASCII file its positions fall short of the line end it meant. So: a position at a line
 * start is taken as bytes (every position pipe writes; Kafka Connect's on ASCII files); else one
 * that ends a line when counted in chars from the start of the file is Kafka Connect's count of a
 * file it read from the start; else (Kafka Connect resumed from a byte position, then counted chars)
 * the next line start: Kafka Connect had read at least that far, so no line is lost, some may repeat.
 */
export async function resumePosition(handle: FileHandle, position: number): Promise<number> {
  const { size } = await handle.stat()
  if (position >= size || (await isLineStart(handle, position))) return position
  return (await byteOfCharPosition(handle, position)) ?? (await nextLineStart(handle, position)) ?? position
}
