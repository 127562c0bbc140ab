import { isAscii } from 'node:buffer'

/** A complete line: its text (terminator excluded), its length in bytes (terminator included) and its terminator's length. */
export interface FileLine {
  readonly text: string
  readonly bytes: number
  readonly eol: number
}

/**
 * `splitLines` for a buffer without '\r': the terminators found by `indexOf` (native memchr), not a
 * loop over every byte in JavaScript; all-ASCII text (a byte per character) decoded once and cut
 * into lines as strings, not a decoding call per line.
 */
function splitLf(buffer: Buffer): { lines: FileLine[]; rest: Buffer } {
  const lines: FileLine[] = []
  const last = buffer.lastIndexOf(0x0a)
  if (last < 0) return { lines, rest: buffer }
  const whole = buffer.subarray(0, last + 1)
  if (isAscii(whole)) {
    const text = whole.toString('latin1')
    let start = 0
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push({ text: text.slice(start, i), bytes: i + 1 - start, eol: 1 })
      start = i + 1
    }
  } else {
    let start = 0
    for (let i = buffer.indexOf(0x0a); i >= 0 && i <= last; i = buffer.indexOf(0x0a, start)) {
      lines.push({ text: buffer.toString('utf8', start, i), bytes: i + 1 - start, eol: 1 })
      start = i + 1
    }
  }
  return { lines, rest: buffer.subarray(last + 1) }
}

/** Splits complete lines off `buffer`; returns them and the rest (an incomplete line, or a trailing '\r'). */
export function splitLines(buffer: Buffer): { lines: FileLine[]; rest: Buffer } {
  if (!buffer.includes(0x0d)) return splitLf(buffer)
  const lines: FileLine[] = []
  let start = 0
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i]
    if (c !== 0x0a && c !== 0x0d) continue
    // a '\r' at the very end may be the first half of '\r\n': wait for more data
    if (c === 0x0d && i + 1 === buffer.length) break
    const end = c === 0x0d && buffer[i + 1] === 0x0a ? i + 2 : i + 1
    lines.push({ text: buffer.toString('utf8', start, i), bytes: end - start, eol: end - i })
    start = end
    i = end - 1
  }
  return { lines, rest: buffer.subarray(start) }
}

function hasTerminator(chunk: Buffer): boolean {
  return chunk.includes(0x0a) || chunk.includes(0x0d)
}

/**
 * Turns chunks of a file into lines. The bytes of a line not complete yet are kept as a list of
 * chunks and joined once its terminator arrives: a 40 MB line costs 40 MB, not 40 copies of it.
 */
export class LineAssembler {
  #partial: Buffer[] = []
  #partialBytes = 0

  /** Bytes held for a line whose terminator has not been read yet. */
  get partialBytes(): number {
    return this.#partialBytes
  }

  /** Adds a chunk (not kept: copied where needed); returns the lines it completes. */
  push(chunk: Buffer): FileLine[] {
    const last = this.#partial[this.#partial.length - 1]
    const pendingCr = last !== undefined && last[last.length - 1] === 0x0d
    if (!pendingCr && !hasTerminator(chunk)) {
      this.#partial.push(Buffer.from(chunk))
      this.#partialBytes += chunk.length
      return []
    }
    const { lines, rest } = splitLines(this.#partial.length === 0 ? chunk : Buffer.concat([...this.#partial, chunk]))
    this.#partial = rest.length === 0 ? [] : [Buffer.from(rest)]
    this.#partialBytes = rest.length
    return lines
  }
}
