import { isAscii } from 'node:buffer'

/** A complete line: its text (terminator excluded), its length in bytes (terminator included) and its terminator's length. */
export interface FileLine {
  readonly text: string
  readonly bytes: number
  readonly eol: number
}

/**
 * The complete lines of one chunk, cut into strings only when taken (`text`): a chunk of short lines (1 MiB of
 * 20-byte lines is 50,000) waited in memory as an object and a string per line until polls of 2,000 took them, long
 * enough to be promoted out of V8's young generation (pipe run on Kafka, 5M x 20 B: about 80 MB promoted a second).
 * The line ends wait in a typed array instead.
 */
export class LineBlock {
  /**
   * `source`: the chunk's complete lines as one string (all-ASCII text: a byte per character), as bytes (other
   * UTF-8 text, a copy: the reader reuses its buffer) or as lines already cut ('\r' terminators, rare).
   * `ends`: per line, the index in `source` of its '\n' (string and bytes only).
   */
  readonly #source: string | Buffer | readonly FileLine[]
  readonly #ends: Int32Array

  constructor(source: string | Buffer | readonly FileLine[], ends: Int32Array, readonly count: number) {
    this.#source = source
    this.#ends = ends
  }

  #start(i: number): number {
    return i === 0 ? 0 : (this.#ends[i - 1] as number) + 1 // i < count: checked by the callers' loops
  }

  /** Line `i`'s text, its terminator excluded. */
  text(i: number): string {
    const source = this.#source
    if (typeof source === 'string') return source.slice(this.#start(i), this.#ends[i])
    if (Buffer.isBuffer(source)) return source.toString('utf8', this.#start(i), this.#ends[i])
    return source[i]?.text ?? ''
  }

  /** Line `i`'s length in bytes, its terminator included. */
  bytes(i: number): number {
    const source = this.#source
    if (typeof source === 'string' || Buffer.isBuffer(source)) return (this.#ends[i] as number) + 1 - this.#start(i)
    return source[i]?.bytes ?? 0
  }

  /** Line `i`'s terminator length: 2 for '\r\n', else 1. */
  eol(i: number): number {
    const source = this.#source
    return typeof source === 'string' || Buffer.isBuffer(source) ? 1 : (source[i]?.eol ?? 1)
  }

  /** Every line, cut. */
  lines(): FileLine[] {
    return Array.from({ length: this.count }, (_, i) => ({ text: this.text(i), bytes: this.bytes(i), eol: this.eol(i) }))
  }
}

const NO_ENDS = new Int32Array(0)

/**
 * `splitBlock` for a buffer without '\r': the terminators found by `indexOf` (native memchr), not a loop over every
 * byte in JavaScript; all-ASCII text (a byte per character) decoded once, its lines cut from that string when taken.
 */
function splitLf(buffer: Buffer): { block: LineBlock; rest: Buffer } {
  const last = buffer.lastIndexOf(0x0a)
  if (last < 0) return { block: new LineBlock('', NO_ENDS, 0), rest: buffer }
  const whole = buffer.subarray(0, last + 1)
  const ascii = isAscii(whole)
  const source = ascii ? whole.toString('latin1') : Buffer.from(whole)
  let ends = new Int32Array(Math.max(16, whole.length >> 6))
  let count = 0
  const next = typeof source === 'string' ? (from: number) => source.indexOf('\n', from) : (from: number) => source.indexOf(0x0a, from)
  for (let i = next(0); i >= 0; i = next(i + 1)) {
    if (count === ends.length) {
      const grown = new Int32Array(ends.length * 2)
      grown.set(ends)
      ends = grown
    }
    ends[count++] = i
  }
  return { block: new LineBlock(source, ends, count), rest: buffer.subarray(last + 1) }
}

/** Splits complete lines off `buffer`: the lines, to be cut when taken, and the rest (an incomplete line, or a trailing '\r'). */
export function splitBlock(buffer: Buffer): { block: LineBlock; rest: Buffer } {
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
  return { block: new LineBlock(lines, NO_ENDS, lines.length), rest: buffer.subarray(start) }
}

/** Splits complete lines off `buffer`; returns them and the rest (an incomplete line, or a trailing '\r'). */
export function splitLines(buffer: Buffer): { lines: FileLine[]; rest: Buffer } {
  const { block, rest } = splitBlock(buffer)
  return { lines: block.lines(), rest }
}

const EMPTY = new LineBlock('', NO_ENDS, 0)

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
  push(chunk: Buffer): LineBlock {
    const last = this.#partial[this.#partial.length - 1]
    const pendingCr = last !== undefined && last[last.length - 1] === 0x0d
    if (!pendingCr && !hasTerminator(chunk)) {
      this.#partial.push(Buffer.from(chunk))
      this.#partialBytes += chunk.length
      return EMPTY
    }
    const { block, rest } = splitBlock(this.#partial.length === 0 ? chunk : Buffer.concat([...this.#partial, chunk]))
    this.#partial = rest.length === 0 ? [] : [Buffer.from(rest)]
    this.#partialBytes = rest.length
    return block
  }
}
