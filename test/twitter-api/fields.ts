import { makeUser, type StoredTweet, type StoredUser } from './scenario.js'

/** Renders stored tweets the way the v2 API does for given `tweet.fields`, `expansions`, `user.fields`. */

const TWEET_FIELDS = ['id', 'text', 'author_id', 'created_at', 'lang', 'conversation_id', 'public_metrics', 'edit_history_tweet_ids'] as const
const USER_FIELDS = ['created_at', 'description', 'verified'] as const
const EXPANSIONS = ['author_id'] as const

export interface FieldSelection {
  readonly tweetFields: readonly string[]
  readonly userFields: readonly string[]
  readonly expansions: readonly string[]
}

export interface InvalidParameter {
  readonly parameter: string
  readonly value: string
  readonly allowed: readonly string[]
}

function list(params: URLSearchParams, name: string): string[] {
  const raw = params.get(name)
  return raw === null || raw === '' ? [] : raw.split(',')
}

function firstInvalid(name: string, values: readonly string[], allowed: readonly string[]): InvalidParameter | undefined {
  const bad = values.find((v) => !allowed.includes(v))
  return bad === undefined ? undefined : { parameter: name, value: bad, allowed }
}

/** Reads the field parameters; an unknown value is an invalid request, as on the real API. */
export function parseFieldSelection(params: URLSearchParams): FieldSelection | InvalidParameter {
  const tweetFields = list(params, 'tweet.fields')
  const userFields = list(params, 'user.fields')
  const expansions = list(params, 'expansions')
  return (
    firstInvalid('tweet.fields', tweetFields, TWEET_FIELDS) ??
    firstInvalid('user.fields', userFields, USER_FIELDS) ??
    firstInvalid('expansions', expansions, EXPANSIONS) ?? { tweetFields, userFields, expansions }
  )
}

export function isInvalidParameter(value: FieldSelection | InvalidParameter): value is InvalidParameter {
  return 'parameter' in value
}

export function renderTweet(tweet: StoredTweet, sel: FieldSelection): Record<string, unknown> {
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] }
  for (const f of sel.tweetFields) {
    if (f !== 'edit_history_tweet_ids') out[f] = tweet[f as Exclude<(typeof TWEET_FIELDS)[number], 'edit_history_tweet_ids'>]
  }
  return out
}

function renderUser(user: StoredUser, sel: FieldSelection): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username }
  for (const f of sel.userFields) out[f] = user[f as (typeof USER_FIELDS)[number]]
  return out
}

/** The `includes` object for a set of tweets, or undefined when no expansion asks for one. */
export function renderIncludes(tweets: readonly StoredTweet[], sel: FieldSelection): Record<string, unknown> | undefined {
  if (!sel.expansions.includes('author_id')) return undefined
  const ids = [...new Set(tweets.map((t) => t.author_id))]
  return { users: ids.map((id) => renderUser(makeUser(Number(id) - 1000), sel)) }
}
