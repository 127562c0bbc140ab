import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectMap, ConnectValue } from '../records/connect-value.js'
import { ownValue, setOwn } from '../records/own-property.js'

// A TypeScript step is typed with plain JS values (`price: number`), while a Connect value marks
// Java's types: `Float64(10)` for the double 10.0, `Float32`, `bigint` for a long beyond 2^53. A step
// gets plain values; what it hands back unchanged regains its Connect type, so `{ ...o, total }`
// still writes `"price":10.0` and a 64-bit id exactly.

/** A value without markers comes back as it is (same object, no copy). */
function plainOf(value: ConnectValue): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value
  if (value instanceof Float64 || value instanceof Float32) return value.value
  if (Array.isArray(value)) {
    const list: readonly ConnectValue[] = value
    let out: unknown[] | undefined
    for (let i = 0; i < list.length; i++) {
      const item = list[i] ?? null
      const plain = plainOf(item)
      if (plain !== item) out ??= list.slice(0, i)
      out?.push(plain)
    }
    return out ?? value
  }
  return isConnectMap(value) ? plainMap(value) : value
}

function plainMap(map: ConnectMap): unknown {
  const keys = Object.keys(map)
  let out: Record<string, unknown> | undefined
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? ''
    const item = map[key] ?? null
    const plain = plainOf(item)
    if (plain !== item && out === undefined) {
      out = {}
      for (const before of keys.slice(0, i)) setOwn(out, before, map[before])
    }
    if (out !== undefined) setOwn(out, key, plain)
  }
  return out ?? map
}

/**
 * The value a TypeScript step sees: `Float64`/`Float32` as numbers, longs beyond 2^53 as the
 * nearest number (as `JSON.parse` gives them), everything else as it is.
 */
export function toStepValue(value: ConnectValue): unknown {
  return plainOf(value)
}

/**
 * A step's result with the Connect types of what it passed through unchanged: a number equal to
 * the input's `Float64`, `Float32` or `bigint` at the same path becomes that input value again.
 */
export function restoreConnectTypes(output: ConnectValue, input: ConnectValue | undefined): ConnectValue {
  if (input === undefined || input === null) return output
  if (typeof output === 'number') {
    if ((input instanceof Float64 || input instanceof Float32) && Object.is(input.value, output)) return input
    return typeof input === 'bigint' && Number(input) === output ? input : output
  }
  if (Array.isArray(output) && Array.isArray(input)) {
    const list: readonly ConnectValue[] = output
    const from: readonly ConnectValue[] = input
    return list.map((item, i) => restoreConnectTypes(item, from[i]))
  }
  if (isConnectMap(output) && isConnectMap(input)) {
    const out: Record<string, ConnectValue> = {}
    for (const key of Object.keys(output)) setOwn(out, key, restoreConnectTypes(output[key] ?? null, ownValue(input, key)))
    return out
  }
  return output
}
