const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"'])

/** Java's `String.trim()`: strips characters up to U+0020 from both ends. */
export function javaTrim(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) <= 0x20) start++
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--
  return text.slice(start, end)
}

export class Parser {
  #nextToken: string | null = null
  #previous: string | null = null
  #index = 0

  constructor(readonly original: string) {}

  position(): number {
    return this.#index
  }

  mark(): number {
    return this.#index - (this.#nextToken?.length ?? 0)
  }

  rewindTo(position: number): void {
    this.#index = position
    this.#nextToken = null
    this.#previous = null
  }

  previous(): string | null {
    return this.#previous
  }

  hasNext(): boolean {
    return this.#nextToken !== null || this.#index < this.original.length
  }

  next(): string {
    if (this.#nextToken !== null) {
      this.#previous = this.#nextToken
      this.#nextToken = null
    } else this.#previous = this.#consume()
    return this.#previous
  }

  nextN(n: number): string | null {
    const start = this.mark()
    for (let i = 0; i < n; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start)
        return null
      }
      this.next()
    }
    return this.original.slice(start, this.position())
  }

  canConsume(expected: string): boolean {
    if (this.#nextToken === null) {
      if (!this.hasNext()) return false
      this.#nextToken = this.#consume()
    }
    while (javaTrim(this.#nextToken).length === 0 && this.#index < this.original.length) this.#nextToken = this.#consume()
    if (javaTrim(this.#nextToken) !== expected) return false
    this.#nextToken = null
    return true
  }

  #consume(): string {
    let escaped = false
    const start = this.#index
    while (this.#index < this.original.length) {
      const c = this.original[this.#index] ?? ''
      if (c === '\\') escaped = !escaped
      else if (DELIMITERS.has(c) && !escaped) {
        if (start < this.#index) return this.original.slice(start, this.#index)
        this.#index++
        return this.original.slice(start, start + 1)
      } else escaped = false
      this.#index++
    }
    return this.original.slice(start, this.#index)
  }
}
