import type { RuleSpec } from './twitter-source-config.js'
import { searchQueries } from './rule-diff.js'
import type { Tweet, TweetMessage } from './stream-parser.js'
import type { FieldOptions, TwitterClient } from './twitter-client.js'

/**
 * Fetches every tweet newer than `sinceId` that the rules match, through recent search
 * (newest first, 100 a page, following `next_token`), and returns them oldest first, as stream
 * messages (expanded users narrowed to each tweet's author).
 */
export async function fetchMissedTweets(
  client: TwitterClient,
  rules: readonly RuleSpec[],
  sinceId: string,
  fields: FieldOptions,
  signal: AbortSignal,
): Promise<TweetMessage[]> {
  const byId = new Map<string, TweetMessage>()
  for (const query of searchQueries(rules)) {
    let nextToken: string | undefined
    do {
      const page = await client.searchRecent({ ...fields, query, sinceId, maxResults: 100, ...(nextToken === undefined ? {} : { nextToken }) }, signal)
      for (const tweet of page.tweets) byId.set(tweet.id, toMessage(tweet, page.includes))
      nextToken = page.nextToken
    } while (nextToken !== undefined && !signal.aborted)
  }
  return [...byId.values()].sort((a, b) => compareIds(a.data.id, b.data.id))
}

function toMessage(tweet: Tweet, includes: Readonly<Record<string, unknown>> | undefined): TweetMessage {
  const users = includes?.['users']
  if (!Array.isArray(users)) return { data: tweet }
  const author = users.filter((u: unknown) => typeof u === 'object' && u !== null && (u as { id?: unknown }).id === tweet['author_id'])
  return { data: tweet, includes: { users: author } }
}

/** Orders tweet ids (decimal snowflakes, longer than 2^53) numerically. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** The larger of two ids; `undefined` counts as smallest. */
export function maxId(a: string | undefined, b: string): string {
  return a === undefined || compareIds(b, a) > 0 ? b : a
}
