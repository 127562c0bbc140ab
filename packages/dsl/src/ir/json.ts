/**
 * A JSON value: what the IR and compiled artifacts are made of (no functions, Date, Map, undefined).
 *
 * @example
 * ```ts
 * const v: JsonValue = { a: [1, 'x', null, true] }
 * ```
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject

/**
 * A JSON object.
 *
 * @example
 * ```ts
 * const o: JsonObject = { file: 'in.txt' }
 * ```
 */
export interface JsonObject {
  readonly [key: string]: JsonValue
}

/**
 * Whether a value is JSON data that survives `JSON.parse(JSON.stringify(value))` unchanged.
 *
 * @example
 * ```ts
 * isJsonValue({ a: [1, 'x', null] }) // true
 * isJsonValue({ a: undefined })      // false
 * ```
 */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isJsonValue)
  if (typeof value !== 'object') return false
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  return Object.values(value).every(isJsonValue)
}

/**
 * Freezes a JSON value and everything inside it.
 *
 * @example
 * ```ts
 * const frozen = deepFreeze({ a: { b: 1 } })
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/**
 * Whether a JSON value is an object (not an array, not null).
 *
 * @example
 * ```ts
 * isJsonObject({ a: 1 }) // true
 * ```
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
