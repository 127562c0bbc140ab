/** A short description of a value's type for messages: `string`, `null`, `array`, `object (Date)`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'function') return 'function'
  if (typeof value !== 'object') return typeof value
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name
  return typeof name === 'string' && name !== 'Object' ? `object (${name})` : 'object'
}
