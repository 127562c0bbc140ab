// Compares a connector config with the one `pipe compile` gives back after `pipe import`: the same keys
// and values, key for key, transform and predicate aliases included (`pipe import` keeps hand-made ones
// with `.as()`); the chain is also compared as data, so that a broken chain reads as one line.

type Config = Readonly<Record<string, string>>

const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')

function under(config: Config, prefix: string): Record<string, string> {
  const entries: [string, string][] = Object.entries(config).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v])
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The chain as data without aliases: each step's keys, its predicate's keys, negate. */
export function chainOf(config: Config): unknown[] {
  return list(config['transforms']).map((alias) => {
    const { predicate, negate, ...keys } = under(config, `transforms.${alias}`)
    return { keys, predicate: predicate === undefined ? undefined : under(config, `predicates.${predicate}`), negate: negate === 'true' }
  })
}

const CHAIN_KEY = /^(transforms|predicates)(\..*)?$/

/** What pipe always writes and the original may lack: a key → its value when the original has none. */
export const PIPE_DEFAULTS: Readonly<Record<string, string>> = { 'tasks.max': '1', 'errors.tolerance': 'none' }

/**
 * The differences between an original config and the compiled one, one line each; `pipe.pipeline`
 * (pipe's owner marker) and keys pipe adds with their default value are listed as `added`.
 */
export function differences(original: Config, compiled: Config): string[] {
  const out: string[] = []
  const a = JSON.stringify(chainOf(original))
  const b = JSON.stringify(chainOf(compiled))
  if (a !== b) out.push(`chain: ${a} != ${b}`)
  const keys = new Set([...Object.keys(original), ...Object.keys(compiled)])
  for (const key of [...keys].sort()) {
    const before = original[key]
    const after = compiled[key]
    if (before === after) continue
    if (CHAIN_KEY.test(key) && a === b) out.push(`alias ${key}: ${before ?? '(none)'} -> ${after ?? '(none)'}`)
    else if (before === undefined) out.push(`added ${key}=${after ?? ''}`)
    else if (after === undefined) out.push(`lost ${key}`)
    else if (/^\$\{env:[A-Z0-9_]+\}$/.test(after) && !/^\$\{/.test(before)) out.push(`secret ${key} -> ${after}`)
    else out.push(`changed ${key}: ${before} -> ${after}`)
  }
  return out
}
