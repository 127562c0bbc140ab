import { decimalToString } from './java-decimal.js'
import { javaDoubleToString, javaFloatToString } from './java-format.js'
import { DAY } from './java-value.js'
import type { JavaValue } from './java-value.js'

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
export function appendValue(value: JavaValue, embedded: boolean): string {
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
