import type { ConnectorLogger } from './logger.js'
import { diffRules } from './rule-diff.js'
import type { TwitterClient } from './twitter-client.js'
import { TwitterRequestError } from './twitter-errors.js'
import type { RuleSpec } from './twitter-source-config.js'

/**
 * Makes the filtered stream's rules owned by `owner` exactly `desired`: validates additions with
 * a dry run first (so an invalid rule changes nothing), deletes pipe's stale rules, adds the
 * missing ones; rules of other owners are left alone.
 */
export async function syncRules(
  client: TwitterClient,
  desired: readonly RuleSpec[],
  owner: string,
  logger: ConnectorLogger,
  signal: AbortSignal,
): Promise<void> {
  const changes = diffRules(await client.getRules(signal), desired, owner)
  for (const value of changes.sharedWithOthers) {
    logger.warn(`twitter source: rule '${value}' already exists under another tag; its matches are streamed without pipe's tag`)
  }
  if (changes.add.length > 0) {
    const dry = await client.updateRules({ add: changes.add }, true, signal)
    if (dry.errors.length > 0) throw rejected(dry.errors)
  }
  if (changes.delete.length > 0) {
    await client.updateRules({ delete: { ids: changes.delete } }, false, signal)
    logger.info(`twitter source: deleted ${changes.delete.length} rule(s) the pipeline no longer declares`)
  }
  if (changes.add.length > 0) {
    const added = await client.updateRules({ add: changes.add }, false, signal)
    if (added.errors.length > 0) throw rejected(added.errors)
    logger.info(`twitter source: added ${added.created.length} rule(s): ${changes.add.map((r) => `'${r.value}'`).join(', ')}`)
  }
}

function rejected(errors: readonly unknown[]): TwitterRequestError {
  const what = errors.map((e) => {
    const { value, title, details } = (typeof e === 'object' && e !== null ? e : {}) as { value?: unknown; title?: unknown; details?: unknown }
    return `'${String(value)}' (${String(title)}${Array.isArray(details) ? `: ${details.map(String).join('; ')}` : ''})`
  })
  return new TwitterRequestError(400, `twitter source: the rules endpoint rejected ${what.join(', ')}; fix the rules in the pipeline`)
}
