import type { RuleSpec } from './twitter-source-config.js'

/**
 * Filtered-stream rule management. pipe tags its rules `<prefix>/<connector>` (plus `/<tag>` when
 * the pipeline tags a rule), so it changes only its own rules and leaves other rules alone.
 */

export interface ExistingRule {
  readonly id: string
  readonly value: string
  readonly tag?: string
}

export interface RuleChanges {
  /** ids of pipe's own rules the pipeline no longer declares (delete these first) */
  readonly delete: readonly string[]
  readonly add: readonly { readonly value: string; readonly tag: string }[]
  /** declared values that another application's rule already holds (Twitter forbids duplicates) */
  readonly sharedWithOthers: readonly string[]
}

export function ownerTag(prefix: string, connectorName: string): string {
  return `${prefix}/${connectorName}`
}

export function tagFor(owner: string, rule: RuleSpec): string {
  return rule.tag === undefined || rule.tag === '' ? owner : `${owner}/${rule.tag}`
}

export function isOwnedBy(rule: ExistingRule, owner: string): boolean {
  return rule.tag === owner || (rule.tag?.startsWith(`${owner}/`) ?? false)
}

/** The pipeline's tag of a matched rule (`<owner>/<tag>` -> `<tag>`), or undefined. */
export function userTagOf(tag: string | undefined, owner: string): string | undefined {
  return tag?.startsWith(`${owner}/`) === true ? tag.slice(owner.length + 1) : undefined
}

/** What to delete and add so that the owned rules are exactly the desired ones. */
export function diffRules(existing: readonly ExistingRule[], desired: readonly RuleSpec[], owner: string): RuleChanges {
  const owned = existing.filter((r) => isOwnedBy(r, owner))
  const others = existing.filter((r) => !isOwnedBy(r, owner))
  const wanted = new Map<string, string>()
  for (const rule of desired) wanted.set(rule.value, tagFor(owner, rule))
  const keep = new Set<string>()
  const del: string[] = []
  for (const rule of owned) {
    if (wanted.get(rule.value) === rule.tag && !keep.has(rule.value)) keep.add(rule.value)
    else del.push(rule.id)
  }
  const otherValues = new Set(others.map((r) => r.value))
  const add: { value: string; tag: string }[] = []
  const shared: string[] = []
  for (const [value, tag] of wanted) {
    if (keep.has(value)) continue
    if (otherValues.has(value)) shared.push(value)
    else add.push({ value, tag })
  }
  return { delete: del, add, sharedWithOthers: shared }
}

/** Recent-search queries that together match what the rules match (512 characters each at most). */
export function searchQueries(rules: readonly RuleSpec[], maxLength = 512): string[] {
  const queries: string[] = []
  let current = ''
  for (const rule of rules) {
    const part = rules.length === 1 ? rule.value : `(${rule.value})`
    const next = current === '' ? part : `${current} OR ${part}`
    if (next.length <= maxLength) {
      current = next
      continue
    }
    if (current !== '') queries.push(current)
    current = part
  }
  if (current !== '') queries.push(current)
  return queries
}
