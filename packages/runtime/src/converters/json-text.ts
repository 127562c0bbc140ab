import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { isIntegral, javaDoubleToString, javaFloatToString } from '../java/java-format.js'
import { parseJsonWith } from './json-parser.js'

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
  if (typeof value === 'number') return isIntegral(value) ? String(value) : doubleText(javaDoubleToString(value), value)
  return objectText(value)
}

// Jackson writes NaN and the infinities as strings (JsonWriteFeature.WRITE_NAN_AS_STRINGS, on by default)
const doubleText = (text: string, d: number): string => (Number.isFinite(d) ? text : `"${text}"`)

function objectText(value: ConnectValue): string {
  if (value instanceof Float64) return doubleText(javaDoubleToString(value.value), value.value)
  if (value instanceof Float32) return doubleText(javaFloatToString(value.value), value.value)
  if (value instanceof Uint8Array) return jsonString(Buffer.from(value).toString('base64'))
  if (Array.isArray(value)) return `[${value.map((v: ConnectValue) => toJsonText(v)).join(',')}]`
  if (isConnectMap(value)) {
    const parts: string[] = []
    for (const key of Object.keys(value)) parts.push(`${jsonString(key)}:${toJsonText(value[key] ?? null)}`)
    return `{${parts.join(',')}}`
  }
  return 'null'
}

// JSON.parse loses `1.0` vs `1` and int64 range; a fast check sends only such texts to the exact parser
const NEEDS_EXACT = /[.eE]|\d{16}/
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * A JSON number as Kafka Connect's JsonConverter reads it schemaless: integers as Java longs
 * (`BigInteger.longValue()`, so beyond 64 bits they wrap), others through `BigDecimal.doubleValue()`
 * (no negative zero for a zero mantissa: `-0.0` is `0.0`; integral values are `Float64`).
 */
function connectNumber(literal: string, integral: boolean): ConnectValue {
  if (integral) {
    const n = Number(literal)
    if (Number.isSafeInteger(n)) return n
    const long = BigInt.asIntN(64, BigInt(literal))
    return long >= MIN_SAFE && long <= MAX_SAFE ? Number(long) : long
  }
  const d = Number(literal)
  const zeroMantissa = d === 0 && !/[1-9]/.test(literal.split(/[eE]/)[0] ?? '')
  const value = zeroMantissa ? 0 : d
  return Number.isInteger(value) ? new Float64(value) : value
}

const EXACT = { number: connectNumber, firstValueOnly: true }

/**
 * Parses JSON into Connect values: integral doubles become `Float64`, longs beyond 2^53 `bigint`;
 * every key is an own property (`__proto__` too); a malformed text says where, never what it held.
 * As JsonConverter's `readTree`: the first value only (a BOM skipped, text after it unread), blank is `null`.
 */
export function parseJsonText(text: string): ConnectValue {
  if (!NEEDS_EXACT.test(text)) {
    try {
      return JSON.parse(text) as ConnectValue
    } catch {
      // fall through: the exact parser names the position without quoting the text
    }
  }
  // the parser builds maps, lists and these numbers only: the result is a ConnectValue
  return (parseJsonWith(text, EXACT) ?? null) as ConnectValue
}
