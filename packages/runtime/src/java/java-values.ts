// Kafka Connect's `Values.parseString` (how InsertHeader reads `value.literal` and SimpleHeaderConverter
// reads header bytes) and `Values.convertToString` (how SimpleHeaderConverter writes a header back).
// The parser splits on `: , { } [ ] "` (backslash escapes), reads `[..]` and `{..}` with typed elements
// aligned to one common schema, numbers as the smallest exact integer type, else float32/float64/decimal,
// ISO dates, times and timestamps (UTC), and falls back to the original text for anything else.

import { decimalToString, exactInteger, parseDecimal } from './java-decimal.js'
import { DAY, ParseFailure } from './java-value.js'
import type { JSchema, JavaSchemaAndValue, JavaValue, Kind } from './java-value.js'
import { appendValue } from './values-format.js'
import { Parser, javaTrim } from './values-tokenizer.js'

export type { JavaSchemaAndValue, JavaValue } from './java-value.js'
export { convertToString } from './values-format.js'

/** Characters that make the tokenizer split (or escape) text. */
const PLAIN_TEXT_EXCLUDED = /[:,{}[\]"\\]/
const TEMPORAL = new Set<string | undefined>(['Date', 'Time', 'Timestamp'])
const STRING: JSchema = { type: 'STRING' }
const BOOLEAN: JSchema = { type: 'BOOLEAN' }

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
