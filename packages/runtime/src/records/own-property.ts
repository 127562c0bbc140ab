/**
 * Sets `obj[key] = value` as an own, enumerable data property, whatever the key. A plain
 * assignment with the key `__proto__` would change the object's prototype (or do nothing) instead
 * of adding the key, so objects built from untrusted keys (records, configs, REST bodies) go through here.
 */
export function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
  else obj[key] = value
}

/** An object with these entries as own properties (later entries win), safe for any key. */
export function fromOwnEntries<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out: Record<string, V> = {}
  for (const [k, v] of entries) setOwn(out, k, v)
  return out
}

/** `obj[key]` when `key` is an own property, else `undefined` (never an inherited member such as `constructor`). */
export function ownValue<V>(obj: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}
