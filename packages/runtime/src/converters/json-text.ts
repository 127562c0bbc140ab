import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectMap, ConnectValue } from '../records/connect-value.js'
import { isIntegral, javaDoubleToString, javaFloatToString } from './java-format.js'

const ESCAPED = /\\\\|\\u00[0-9a-f]{2}/g

/** A JSON string literal as Jackson writes it (upper-case `\u00XX` escapes, UTF-8 kept). */
export function jsonString(s: string): string {
  const text = JSON.stringify(s)
  return text.includes('\\u00') ? text.replace(ESCAPED, (m) => (m === '\\\\' ? m : m.toUpperCase().replace('\\U', '\\u'))) : text
}

/** Compact JSON, byte-for-byte as Kafka Connect's JsonConverter (Jackson) writes a schemaless value. */
export function toJsonText(value: ConnectValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return jsonString(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return isIntegral(value) ? String(value) : javaDoubleToString(value)
  return objectText(value)
}

function objectText(value: ConnectValue): string {
  if (value instanceof Float64) return javaDoubleToString(value.value)
  if (value instanceof Float32) return javaFloatToString(value.value)
  if (value instanceof Uint8Array) return jsonString(Buffer.from(value).toString('base64'))
  if (Array.isArray(value)) return `[${value.map((v: ConnectValue) => toJsonText(v)).join(',')}]`
  if (isConnectMap(value)) {
    const parts: string[] = []
    for (const key of Object.keys(value)) parts.push(`${jsonString(key)}:${toJsonText(value[key] ?? null)}`)
    return `{${parts.join(',')}}`
  }
  return 'null'
}

// JSON.parse loses `1.0` vs `1` and int64 precision; a fast check sends only such texts to the slow path
const NEEDS_EXACT = /[.eE]|\d{16}/

/** Parses JSON into Connect values: integral doubles become `Float64`, big integers `bigint`. */
export function parseJsonText(text: string): ConnectValue {
  if (!NEEDS_EXACT.test(text)) return JSON.parse(text) as ConnectValue
  const parser = new ExactJsonParser(text)
  const value = parser.value()
  parser.end()
  return value
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

class ExactJsonParser {
  #pos = 0
  constructor(readonly text: string) {}

  value(): ConnectValue {
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

  #object(): ConnectMap {
    const out: Record<string, ConnectValue> = {}
    this.#pos++
    this.#skip()
    if (this.text[this.#pos] === '}') return this.#close(out)
    for (;;) {
      this.#skip()
      const key = this.#string()
      this.#skip()
      this.#expect(':')
      out[key] = this.value()
      this.#skip()
      if (this.text[this.#pos] === '}') return this.#close(out)
      this.#expect(',')
    }
  }

  #array(): ConnectValue[] {
    const out: ConnectValue[] = []
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
    let end = this.#pos + 1
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1
    const raw = this.text.slice(this.#pos, end + 1)
    this.#pos = end + 1
    return JSON.parse(raw) as string
  }

  #literal(): ConnectValue {
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length
        return v
      }
    }
    return this.#fail('unexpected token')
  }

  #number(): ConnectValue {
    NUMBER.lastIndex = this.#pos
    const m = NUMBER.exec(this.text)
    if (m === null) return this.#fail('unexpected token')
    this.#pos += m[0].length
    if (m[1] !== undefined || m[2] !== undefined) {
      const d = Number(m[0])
      return Number.isInteger(d) ? new Float64(d) : d
    }
    const n = Number(m[0])
    return Number.isSafeInteger(n) ? n : BigInt(m[0])
  }

  #skip(): void {
    while (/\s/.test(this.text[this.#pos] ?? '')) this.#pos++
  }

  #expect(c: string): void {
    if (this.text[this.#pos] !== c) this.#fail(`expected '${c}'`)
    this.#pos++
  }

  #fail(message: string): never {
    throw new SyntaxError(`${message} in JSON at position ${this.#pos}`)
  }
}
