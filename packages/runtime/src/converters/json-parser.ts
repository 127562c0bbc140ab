import { setOwn } from '../records/own-property.js'

/** How `parseJsonWith` turns number literals into values, and where it keeps their text. */
export interface JsonParseOptions<N> {
  /** The value of a number literal; `integral` when it has neither fraction nor exponent. */
  readonly number: (literal: string, integral: boolean) => N
  /** When given, receives the literal text of every number that is an object member, by object and key. */
  readonly literals?: WeakMap<object, Map<string, string>>
  /**
   * Reads the first value only, as Jackson's `readTree` does: a leading BOM is skipped, what follows
   * a complete value is not read, and an empty (or blank) text is `undefined`.
   */
  readonly firstValueOnly?: boolean
}

/**
 * Strict JSON (RFC 8259) into plain objects and arrays, with every object key an own property
 * (`__proto__` is a key like any other) and numbers mapped by `options.number`.
 */
export function parseJsonWith<N>(text: string, options: JsonParseOptions<N>): unknown {
  const parser = new JsonParser(options.firstValueOnly === true && text.startsWith('\uFEFF') ? text.slice(1) : text, options)
  if (options.firstValueOnly === true) return parser.firstValue()
  const value = parser.value()
  parser.end()
  return value
}

/** A parse failure: where, never the text itself (records and configs may hold secrets). */
export class JsonSyntaxError extends SyntaxError {
  override readonly name: string = 'JsonSyntaxError'
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

class JsonParser<N> {
  #pos = 0
  constructor(
    readonly text: string,
    readonly options: JsonParseOptions<N>,
  ) {}

  value(): unknown {
    this.#skip()
    const c = this.text[this.#pos]
    if (c === '{') return this.#object()
    if (c === '[') return this.#array()
    if (c === '"') return this.#string()
    if (c === 't' || c === 'f' || c === 'n') return this.#literal()
    return this.#number()
  }

  end(): void {
    this.#skip()
    if (this.#pos !== this.text.length) this.#fail('unexpected trailing text')
  }

  firstValue(): unknown {
    this.#skip()
    if (this.#pos === this.text.length) return undefined
    const scalar = !/["{[]/.test(this.text[this.#pos] ?? '')
    const value = this.value()
    // a root-level number or literal must end there (Jackson: "expected space separating root-level values")
    if (scalar && this.#pos < this.text.length && !/[\s,\]}"{[]/.test(this.text[this.#pos] ?? '')) this.#fail('unexpected character after a value')
    return value
  }

  #object(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    this.#pos++
    this.#skip()
    if (this.text[this.#pos] === '}') return this.#close(out)
    for (;;) {
      this.#skip()
      const key = this.#string()
      this.#skip()
      this.#expect(':')
      this.#skip()
      const start = this.#pos
      const value = this.value()
      setOwn(out, key, value)
      if (this.options.literals !== undefined && /[-\d]/.test(this.text[start] ?? '')) this.#keepLiteral(out, key, start)
      this.#skip()
      if (this.text[this.#pos] === '}') return this.#close(out)
      this.#expect(',')
    }
  }

  #keepLiteral(holder: object, key: string, start: number): void {
    const literals = this.options.literals
    if (literals === undefined) return
    const texts = literals.get(holder) ?? new Map<string, string>()
    texts.set(key, this.text.slice(start, this.#pos))
    literals.set(holder, texts)
  }

  #array(): unknown[] {
    const out: unknown[] = []
    this.#pos++
    this.#skip()
    if (this.text[this.#pos] === ']') return this.#close(out)
    for (;;) {
      out.push(this.value())
      this.#skip()
      if (this.text[this.#pos] === ']') return this.#close(out)
      this.#expect(',')
    }
  }

  #close<T>(v: T): T {
    this.#pos++
    return v
  }

  #string(): string {
    if (this.text[this.#pos] !== '"') this.#fail('expected a string')
    const start = this.#pos
    let end = start + 1
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1
    if (end >= this.text.length) this.#fail('unterminated string')
    this.#pos = end + 1
    try {
      return JSON.parse(this.text.slice(start, end + 1)) as string
    } catch {
      this.#pos = start
      return this.#fail('invalid string (a control character or a bad escape)')
    }
  }

  #literal(): boolean | null {
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length
        return v
      }
    }
    return this.#fail('unexpected token')
  }

  #number(): N {
    NUMBER.lastIndex = this.#pos
    const m = NUMBER.exec(this.text)
    if (m === null) {
      if (/^-?(?:NaN|Infinity)/.test(this.text.slice(this.#pos, this.#pos + 9))) this.#fail('NaN and Infinity are not JSON numbers')
      return this.#fail(this.#pos >= this.text.length ? 'unexpected end of input' : 'unexpected character')
    }
    this.#pos += m[0].length
    return this.options.number(m[0], m[1] === undefined && m[2] === undefined)
  }

  #skip(): void {
    while (isSpace(this.text.charCodeAt(this.#pos))) this.#pos++
  }

  #expect(c: string): void {
    if (this.text[this.#pos] !== c) this.#fail(this.#pos >= this.text.length ? 'unexpected end of input' : `expected '${c}'`)
    this.#pos++
  }

  #fail(message: string): never {
    const before = this.text.slice(0, this.#pos)
    const line = before.split('\n').length
    const column = this.#pos - before.lastIndexOf('\n')
    const found = this.text[this.#pos]
    const what = found === undefined ? '' : ` (found '${found.charCodeAt(0) < 0x20 ? `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}` : found}')`
    throw new JsonSyntaxError(`invalid JSON: ${message}${what} at line ${String(line)}, column ${String(column)}`)
  }
}
