// Kafka Connect's `Values.parseString` (how InsertHeader reads `value.literal` and SimpleHeaderConverter
// reads header bytes) and `Values.convertToString` (how SimpleHeaderConverter writes a header back).
// The parser splits on `: , { } [ ] "` (backslash escapes), reads `[..]` and `{..}` with typed elements
// aligned to one common schema, numbers as the smallest exact integer type, else float32/float64/decimal,
// ISO dates, times and timestamps (UTC), and falls back to the original text for anything else.

import { javaDoubleToString, javaFloatToString } from '../converters/java-format.js'

type Kind = 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64' | 'BOOLEAN' | 'STRING' | 'BYTES' | 'ARRAY' | 'MAP'
type Logical = 'Date' | 'Time' | 'Timestamp' | 'Decimal'

/** The part of a Connect schema that parsing infers. */
interface JSchema {
  readonly type: Kind
  readonly name?: Logical
  readonly item?: JSchema
  readonly key?: JSchema
  readonly value?: JSchema
}

/** A Java value as `Values` holds it. */
export type JavaValue =
  | null
  | boolean
  | string
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float32' | 'float64'; readonly value: number }
  | { readonly kind: 'decimal'; readonly unscaled: bigint; readonly scale: number }
  | { readonly kind: 'date'; readonly millis: number }
  | { readonly kind: 'list'; readonly items: readonly JavaValue[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [JavaValue, JavaValue])[] }

/** What parsing returns: a schema and a value (Java's `SchemaAndValue`). */
export interface JavaSchemaAndValue {
  readonly schema: JSchema
  readonly value: JavaValue
}

class ParseFailure extends Error {}

const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"'])
/** Characters that make the tokenizer split (or escape) text. */
const PLAIN_TEXT_EXCLUDED = /[:,{}[\]"\\]/
const DAY = 86_400_000
const TEMPORAL = new Set<string | undefined>(['Date', 'Time', 'Timestamp'])
const STRING: JSchema = { type: 'STRING' }
const BOOLEAN: JSchema = { type: 'BOOLEAN' }

/** Java's `String.trim()`: strips characters up to U+0020 from both ends. */
function javaTrim(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) <= 0x20) start++
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--
  return text.slice(start, end)
}

class Parser {
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

function singleTokenLiteral(parser: Parser, embedded: boolean, literal: string): boolean {
  const start = parser.mark()
  if (parser.canConsume(literal) && (embedded || !parser.hasNext())) return true
  parser.rewindTo(start)
  return false
}

const NUMERIC_ORDER: readonly Kind[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64']

/** `Values.commonSchemaFor`: numeric types widen; other mismatches have no common schema. */
function commonSchema(previous: JSchema | null, latest: JavaSchemaAndValue | null): JSchema | null {
  if (latest === null) return previous
  if (previous === null) return latest.schema
  if (previous.type === latest.schema.type) return latest.schema
  const before = NUMERIC_ORDER.indexOf(previous.type)
  const after = NUMERIC_ORDER.indexOf(latest.schema.type)
  if (before < 0 || after < 0) return null
  return after > before ? latest.schema : previous
}

function asNumber(value: JavaValue): number | bigint {
  if (value !== null && typeof value === 'object') {
    if (value.kind === 'int') return value.value
    if (value.kind === 'float32' || value.kind === 'float64') return value.value
    if (value.kind === 'decimal') return Number(decimalToString(value.unscaled, value.scale))
  }
  if (typeof value === 'string') {
    const n = parseDecimal(value)
    if (n !== null) return Number(value)
  }
  throw new ParseFailure(`Unable to convert ${appendValue(value, false)} to a number`)
}

function wrapInt(n: number | bigint, bits: number): bigint {
  const whole = typeof n === 'bigint' ? n : BigInt(Math.trunc(Number.isFinite(n) ? n : 0))
  return BigInt.asIntN(bits, whole)
}

/** `Values.convertTo(schema, null, value)` for the element types parsing can infer. */
function convertTo(schema: JSchema, value: JavaValue): JavaValue {
  if (value === null) return null
  const bits: Partial<Record<Kind, number>> = { INT8: 8, INT16: 16, INT32: 32, INT64: 64 }
  switch (schema.type) {
    case 'STRING': return appendValue(value, false)
    case 'BOOLEAN': {
      if (typeof value === 'boolean') return value
      if (typeof value === 'string') {
        const parsed = parseString(value)
        if (typeof parsed?.value === 'boolean') return parsed.value
      }
      const n = asNumber(value)
      return n !== 0 && n !== 0n
    }
    case 'INT8': case 'INT16': case 'INT32': case 'INT64': {
      if (schema.name !== undefined) {
        if (typeof value === 'object' && 'kind' in value && value.kind === 'date') return value
        const n = Number(asNumber(value))
        return { kind: 'date', millis: schema.name === 'Date' ? Math.trunc(n) * DAY : Math.trunc(n) }
      }
      if (typeof value === 'object' && 'kind' in value && value.kind === 'int') return { kind: 'int', value: wrapInt(value.value, bits[schema.type] ?? 64) }
      return { kind: 'int', value: wrapInt(asNumber(value), bits[schema.type] ?? 64) }
    }
    case 'FLOAT32': return { kind: 'float32', value: Math.fround(Number(asNumber(value))) }
    case 'FLOAT64': return { kind: 'float64', value: Number(asNumber(value)) }
    case 'ARRAY':
      if (typeof value === 'object' && 'kind' in value && value.kind === 'list') return value
      break
    case 'MAP':
      if (typeof value === 'object' && 'kind' in value && value.kind === 'map') return value
      break
    case 'BYTES':
      if (typeof value === 'object' && 'kind' in value && value.kind === 'decimal') return value
      break
  }
  throw new ParseFailure(`Unable to convert ${appendValue(value, false)} to ${schema.type}`)
}

function parseArray(parser: Parser): JavaSchemaAndValue {
  const items: JavaValue[] = []
  let itemSchema: JSchema | null = null
  while (parser.hasNext()) {
    if (parser.canConsume(']')) {
      if (itemSchema === null) return { schema: { type: 'ARRAY' }, value: { kind: 'list', items } }
      const schema = itemSchema
      return { schema: { type: 'ARRAY', item: schema }, value: { kind: 'list', items: items.map((v) => convertTo(schema, v)) } }
    }
    if (parser.canConsume(',')) throw new ParseFailure('Unable to parse an empty array element')
    const element = parse(parser, true)
    itemSchema = commonSchema(itemSchema, element)
    items.push(element?.value ?? null)
    const position = parser.mark()
    if (parser.canConsume(']')) parser.rewindTo(position)
    else if (!parser.canConsume(',')) throw new ParseFailure("Array elements missing ',' delimiter")
  }
  throw new ParseFailure('Array is missing terminating \']\'')
}

function parseMap(parser: Parser): JavaSchemaAndValue {
  const entries: [JavaValue, JavaValue][] = []
  let keySchema: JSchema | null = null
  let valueSchema: JSchema | null = null
  while (parser.hasNext()) {
    if (parser.canConsume('}')) {
      const k = keySchema
      const v = valueSchema
      if (k !== null && v !== null) return { schema: { type: 'MAP', key: k, value: v }, value: { kind: 'map', entries: entries.map(([a, b]) => [convertTo(k, a), convertTo(v, b)] as const) } }
      if (k !== null) return { schema: { type: 'MAP', key: k }, value: { kind: 'map', entries: entries.map(([a, b]) => [convertTo(k, a), b] as const) } }
      return { schema: { type: 'MAP' }, value: { kind: 'map', entries } }
    }
    if (parser.canConsume(',')) throw new ParseFailure('Unable to parse a map entry with no key or value')
    const key = parse(parser, true)
    if (key === null || key.value === null) throw new ParseFailure('Map entry may not have a null key')
    if (!parser.canConsume(':')) throw new ParseFailure("Map entry is missing ':'")
    const value = parse(parser, true)
    const existing = entries.findIndex(([k]) => sameKey(k, key.value))
    if (existing >= 0) entries[existing] = [key.value, value?.value ?? null]
    else entries.push([key.value, value?.value ?? null])
    parser.canConsume(',')
    keySchema = commonSchema(keySchema, key)
    valueSchema = commonSchema(valueSchema, value)
  }
  throw new ParseFailure('Map is missing terminating \'}\'')
}

function sameKey(a: JavaValue, b: JavaValue): boolean {
  return appendValue(a, true) === appendValue(b, true) && typeof a === typeof b
}

/** BigDecimal's grammar: the unscaled digits and the scale, or null. */
function parseDecimal(token: string): { unscaled: bigint; scale: number } | null {
  const m = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d{1,9}))?$/.exec(token)
  if (m === null) return null
  const intPart = m[2] ?? ''
  const frac = m[3] ?? m[4] ?? ''
  const unscaled = BigInt(`${m[1] === '-' ? '-' : ''}${intPart}${frac}` || '0')
  return { unscaled, scale: frac.length - Number(m[5] ?? '0') }
}

/** The integer value of a decimal when it has no fractional part and is not absurdly large. */
function exactInteger(unscaled: bigint, scale: number): bigint | null {
  if (scale <= 0) return -scale > 40 ? (unscaled === 0n ? 0n : null) : unscaled * 10n ** BigInt(-scale)
  if (scale > 400) return unscaled === 0n ? 0n : null
  const divisor = 10n ** BigInt(scale)
  return unscaled % divisor === 0n ? unscaled / divisor : null
}

/** Java's `BigDecimal.toString()`. */
function decimalToString(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString()
  const sign = negative ? '-' : ''
  const adjusted = -scale + (digits.length - 1)
  if (scale === 0) return sign + digits
  if (scale > 0 && adjusted >= -6) {
    const padded = digits.padStart(scale + 1, '0')
    return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`
  }
  const mantissa = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits
  return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${String(adjusted)}`
}

function parseNumber(token: string): JavaSchemaAndValue | null {
  const decimal = parseDecimal(token)
  if (decimal === null) return null
  const integer = exactInteger(decimal.unscaled, decimal.scale)
  if (integer !== null) {
    for (const [type, bits] of [['INT8', 8], ['INT16', 16], ['INT32', 32], ['INT64', 64]] as const) {
      if (BigInt.asIntN(bits, integer) === integer) return { schema: { type }, value: { kind: 'int', value: integer } }
    }
  }
  const asDouble = Number(token)
  const asFloat = Math.fround(asDouble)
  if (Number.isFinite(asFloat) && decimal.scale !== 0) return { schema: { type: 'FLOAT32' }, value: { kind: 'float32', value: asFloat } }
  if (Number.isFinite(asDouble) && decimal.scale !== 0) return { schema: { type: 'FLOAT64' }, value: { kind: 'float64', value: asDouble } }
  return { schema: { type: 'BYTES', name: 'Decimal' }, value: { kind: 'decimal', ...decimal } }
}

function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, ms)
  return date.getTime()
}

/** `Values.parseAsTemporal`: SimpleDateFormat (lenient, UTC) on a token of exactly the pattern's length. */
function parseTemporal(raw: string): JavaSchemaAndValue | null {
  const token = raw.replaceAll('\\:', ':')
  const n = (s: string | undefined): number => Number(s ?? '0')
  if (token.length === 13) {
    const m = /^(\d+):(\d+):(\d+)\.(\d+)Z/.exec(token)
    if (m !== null) return { schema: { type: 'INT32', name: 'Time' }, value: { kind: 'date', millis: utcMillis(1970, 1, 1, n(m[1]), n(m[2]), n(m[3]), n(m[4])) } }
  } else if (token.length === 24) {
    const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)Z/.exec(token)
    if (m !== null) return { schema: { type: 'INT64', name: 'Timestamp' }, value: { kind: 'date', millis: utcMillis(n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]), n(m[7])) } }
  } else if (token.length === 10) {
    const m = /^(\d+)-(\d+)-(\d+)/.exec(token)
    if (m !== null) return { schema: { type: 'INT32', name: 'Date' }, value: { kind: 'date', millis: utcMillis(n(m[1]), n(m[2]), n(m[3])) } }
  }
  return null
}

function parseQuoted(parser: Parser): JavaSchemaAndValue {
  let content = ''
  while (parser.hasNext()) {
    if (parser.canConsume('"')) break
    content += parser.next()
  }
  const parsed = parseString(content)
  if (parsed !== null && TEMPORAL.has(parsed.schema.name)) return parsed
  return { schema: STRING, value: content }
}

function parse(parser: Parser, embedded: boolean): JavaSchemaAndValue | null {
  if (!parser.hasNext()) return null
  if (embedded && parser.canConsume('"')) return parseQuoted(parser)
  if (singleTokenLiteral(parser, embedded, 'null')) return null
  if (singleTokenLiteral(parser, embedded, 'true')) return { schema: BOOLEAN, value: true }
  if (singleTokenLiteral(parser, embedded, 'false')) return { schema: BOOLEAN, value: false }
  const start = parser.mark()
  try {
    if (parser.canConsume('[')) return parseArray(parser)
    if (parser.canConsume('{')) return parseMap(parser)
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error
    parser.rewindTo(start)
  }
  const raw = parser.next()
  const token = javaTrim(raw)
  if (token.length === 0) return { schema: STRING, value: raw }
  const first = token[0] ?? ''
  const digit = first >= '0' && first <= '9'
  if (digit) {
    const position = parser.mark()
    const remainder = parser.nextN(4)
    const temporal = (remainder === null ? null : parseTemporal(token + remainder))
    if (temporal !== null) return temporal
    parser.rewindTo(position)
    const single = parseTemporal(token)
    if (single !== null) return single
  }
  if (digit || first === '+' || first === '-') {
    const number = parseNumber(token)
    if (number !== null) return number
  }
  if (embedded) throw new ParseFailure('Failed to parse embedded value')
  return { schema: STRING, value: parser.original }
}

/**
 * `Values.parseString`: the schema and value Kafka Connect reads from a header string or an
 * InsertHeader literal; `null` for the literal `null`.
 *
 * @example
 * ```ts
 * parseString('[1, 2.5]') // { schema: ARRAY<FLOAT32>, value: list of 1.0f, 2.5f }
 * ```
 */
export function parseString(text: string): JavaSchemaAndValue | null {
  if (text === '') return { schema: STRING, value: '' }
  // fast path for plain text (most header values): one token, no literal, no number or date: the text itself
  const first = javaTrim(text)[0] ?? ''
  if (!PLAIN_TEXT_EXCLUDED.test(text) && !/[0-9+-]/.test(first) && !/^\s*(?:true|false|null)\s*$/.test(text)) return { schema: STRING, value: text }
  return parse(new Parser(text), false)
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** `Values.dateFormatFor(date).format(date)` in UTC: a time before the first day, a date at midnight, else a timestamp. */
function formatDate(millis: number): string {
  const d = new Date(millis)
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`
  if (millis < DAY) return time
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`
  return millis % DAY === 0 ? date : `${date}T${time}`
}

/** `Values.append`: how `convertToString` writes a value (`embedded` = inside a list or map). */
function appendValue(value: JavaValue, embedded: boolean): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return embedded ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : value
  switch (value.kind) {
    case 'int': return value.value.toString()
    case 'float32': return javaFloatToString(value.value)
    case 'float64': return javaDoubleToString(value.value)
    case 'decimal': return decimalToString(value.unscaled, value.scale)
    case 'date': return formatDate(value.millis)
    case 'list': return `[${value.items.map((v) => appendValue(v, true)).join(',')}]`
    case 'map': return `{${value.entries.map(([k, v]) => `${appendValue(k, true)}:${appendValue(v, true)}`).join(',')}}`
  }
}

/**
 * `Values.convertToString`: the text SimpleHeaderConverter writes for a parsed value.
 *
 * @example
 * ```ts
 * convertToString(parseString('[1, 2,3]')?.value ?? null) // '[1,2,3]'
 * ```
 */
export function convertToString(value: JavaValue): string {
  return appendValue(value, false)
}
