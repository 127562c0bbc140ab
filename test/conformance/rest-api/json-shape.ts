/**
 * Compares the JSON shapes of two answers: keys and value types, recursively. Values may differ.
 * Arrays compare element by element up to the shorter length; objects under a "map" key (a config,
 * a source partition or offset) are dictionaries: their keys are data, only value types count.
 */
export interface ShapeOptions {
  /** Keys whose object values are dictionaries. */
  readonly maps: ReadonlySet<string>
  /**
   * Keys Kafka Connect omits when empty (`trace`) or unknown (a plugin's `version`): compared only when both have
   * them. A connector's or task's state always names its `version` (Kafka Connect 4.1+), null while it is (re)started.
   */
  readonly optional: ReadonlySet<string>
}

export const DEFAULT_SHAPE_OPTIONS: ShapeOptions = {
  maps: new Set(['config', 'partition', 'offset']),
  optional: new Set(['trace', 'version']),
}

/** A connector's or task's state other than UNASSIGNED: Kafka Connect 4.1+ names the plugin's version in it. */
const isStarted = (o: Record<string, unknown>): boolean => Object.hasOwn(o, 'worker_id') && typeof o['state'] === 'string' && o['state'] !== 'UNASSIGNED'

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

function dictionaryDiff(a: Record<string, unknown>, b: Record<string, unknown>, path: string): string[] {
  const av = Object.values(a)
  const bv = Object.values(b)
  const types = (vs: unknown[]): string => [...new Set(vs.map(kind))].sort().join('|')
  if (av.length === 0 || bv.length === 0 || types(av) === types(bv)) return []
  return [`${path}: dictionary values ${types(av)} vs ${types(bv)}`]
}

/** Differences between the shapes of `a` and `b`, as readable paths; empty when they match. */
export function shapeDiff(a: unknown, b: unknown, path = '$', options: ShapeOptions = DEFAULT_SHAPE_OPTIONS): string[] {
  if (kind(a) !== kind(b)) return [`${path}: ${kind(a)} vs ${kind(b)}`]
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length)
    return Array.from({ length: n }, (_, i) => shapeDiff(a[i], b[i], `${path}[${String(i)}]`, options)).flat()
  }
  if (kind(a) !== 'object') return []
  const ao = a as Record<string, unknown> // narrowed by kind() above
  const bo = b as Record<string, unknown>
  const key = path.slice(path.lastIndexOf('.') + 1)
  if (options.maps.has(key)) return dictionaryDiff(ao, bo, path)
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)])
  const out: string[] = []
  for (const k of [...keys].sort()) {
    const inA = Object.hasOwn(ao, k)
    const inB = Object.hasOwn(bo, k)
    const stateVersion = k === 'version' && (isStarted(ao) || isStarted(bo))
    if (inA && inB) {
      if (!(stateVersion && (ao[k] === null || bo[k] === null))) out.push(...shapeDiff(ao[k], bo[k], `${path}.${k}`, options))
    } else if (!options.optional.has(k) || stateVersion) out.push(`${path}.${k}: ${inA ? 'only in the first' : 'only in the second'}`)
  }
  return out
}
