import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs'

/**
 * One JSON record of about `size` bytes (200: the order record of every earlier run; other sizes: an id and
 * padding); deterministic, so every engine reads the same file.
 *
 * @example
 * record(7, 20) // '{"id":7,"v":"xxxxx"}'
 */
export function record(i: number, size = 200): string {
  if (size !== 200) {
    const id = String(i)
    return `{"id":${id},"v":"${'x'.repeat(Math.max(0, size - 14 - id.length))}"}`
  }
  const text = `order ${String(i)} for customer ${String(i % 977)}: ${'x'.repeat(81 + (i % 17))}`
  return JSON.stringify({ id: i, customer: `customer-${String(i % 977)}`, amount: (i % 10_000) / 100, ts: 1_764_000_000_000 + i, text })
}

/** Writes `count` records of about `size` bytes, one per line, unless the file is already there with that many. */
export function ensureInput(file: string, count: number, size = 200): { bytes: number } {
  if (existsSync(file) && countLines(file) === count) return { bytes: statSync(file).size }
  const chunk: string[] = []
  writeFileSync(file, '')
  const fd = openSync(file, 'a')
  try {
    for (let i = 0; i < count; i++) {
      chunk.push(record(i, size))
      if (chunk.length === 10_000) { writeFileSync(fd, chunk.join('\n') + '\n'); chunk.length = 0 }
    }
    if (chunk.length > 0) writeFileSync(fd, chunk.join('\n') + '\n')
  } finally {
    closeSync(fd)
  }
  return { bytes: statSync(file).size }
}

function countLines(file: string): number {
  return new LineCounter(file).poll()
}

/** Counts newlines in a file that another process appends to, reading only what is new each time. */
export class LineCounter {
  #offset = 0
  #lines = 0
  readonly #buffer = Buffer.alloc(1 << 20)
  constructor(readonly file: string) {}

  poll(): number {
    if (!existsSync(this.file)) return this.#lines
    const fd = openSync(this.file, 'r')
    try {
      for (;;) {
        const read = readSync(fd, this.#buffer, 0, this.#buffer.length, this.#offset)
        if (read === 0) break
        this.#offset += read
        for (let i = 0; i < read; i++) if (this.#buffer[i] === 10) this.#lines++
      }
    } finally {
      closeSync(fd)
    }
    return this.#lines
  }
}
