// Kafka Connect keeps schemaless maps in java.util.HashMap, whose iteration order (and so the JSON
// it writes) follows String.hashCode buckets. pipe reproduces that order so output bytes match.

/** Java's `String.hashCode()` (over UTF-16 code units, 32-bit wrap). */
export function javaStringHash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

function tableSizeFor(c: number): number {
  let n = 1
  while (n < c) n *= 2
  return n
}

/** How the HashMap was created: `new HashMap<>()`, `new HashMap<>(n)` or `new HashMap<>(otherMap)` (Java 17). */
export type HashMapSizing = { readonly kind: 'default' } | { readonly kind: 'initial'; readonly capacity: number } | { readonly kind: 'copy'; readonly size: number }

function initialTable(sizing: HashMapSizing): number {
  switch (sizing.kind) {
    case 'default':
      return 16
    case 'initial':
      return tableSizeFor(sizing.capacity)
    case 'copy':
      return sizing.size === 0 ? 16 : tableSizeFor(Math.trunc(Math.fround(sizing.size / 0.75) + 1))
  }
}

/** The iteration order of a HashMap built by putting `keys` in this order (duplicates ignored). */
export function javaHashMapOrder(keys: readonly string[], sizing: HashMapSizing): string[] {
  const unique = [...new Set(keys)]
  let cap = initialTable(sizing)
  for (let size = 1; size <= unique.length; size++) if (size > Math.trunc(cap * 0.75)) cap *= 2
  const bucket = (k: string): number => {
    const h = javaStringHash(k)
    return (h ^ (h >>> 16)) & (cap - 1)
  }
  return unique.map((k, i) => ({ k, b: bucket(k), i })).sort((a, b) => a.b - b.b || a.i - b.i).map((e) => e.k)
}

/** A map with `entries` put in order into a Java HashMap created per `sizing`; later puts of a key overwrite. */
export function javaHashMap<V>(entries: readonly (readonly [string, V])[], sizing: HashMapSizing): Record<string, V> {
  const values = new Map<string, V>()
  for (const [k, v] of entries) values.set(k, v)
  // Object.fromEntries defines own data properties, so a `__proto__` key stays a plain key; every
  // ordered key is in `values`, hence the cast.
  return Object.fromEntries(javaHashMapOrder(entries.map(([k]) => k), sizing).map((k) => [k, values.get(k)] as [string, V]))
}

/** `new HashMap<>(map)` followed by `puts` (Kafka SMTs' copy-then-update pattern). */
export function copyAndPut<V>(map: Readonly<Record<string, V>>, puts: readonly (readonly [string, V])[]): Record<string, V> {
  return javaHashMap([...Object.entries(map), ...puts], { kind: 'copy', size: Object.keys(map).length })
}
