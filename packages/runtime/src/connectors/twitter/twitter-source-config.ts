import type { ConnectorConfig } from '@pipe/dsl/contract'
import { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js'
import { TwitterConfigError } from './twitter-errors.js'

/**
 * The compiled config keys of `pipe:twitter-source`, in one place so a rename is one line. The
 * first key of each entry is the dsl's (packages/dsl/src/connectors/twitter); `twitter.`-prefixed
 * aliases are accepted too. Values are Kafka Connect strings; lists are comma separated, except
 * `rules`: a JSON array of strings or `{ value, tag }` objects, as the dsl compiles it (a rule may
 * hold commas), or a plain string with one rule per line.
 */
export const TWITTER_KEYS = {
  bearerToken: ['bearer.token', 'twitter.bearer.token'],
  stream: ['stream', 'twitter.stream'],
  rules: ['rules', 'twitter.rules'],
  ruleTag: ['rules.tag', 'twitter.rules.tag'],
  tweetFields: ['tweet.fields', 'twitter.tweet.fields'],
  userFields: ['user.fields', 'twitter.user.fields'],
  expansions: ['expansions', 'twitter.expansions'],
  apiUrl: ['api.url', 'twitter.api.url'],
  topic: ['topic'],
  backfill: ['backfill', 'twitter.backfill'],
  stallTimeoutMs: ['stall.timeout.ms', 'twitter.stall.timeout.ms'],
  networkStepMs: ['backoff.network.step.ms', 'twitter.backoff.network.step.ms'],
  networkMaxMs: ['backoff.network.max.ms', 'twitter.backoff.network.max.ms'],
  httpBaseMs: ['backoff.http.initial.ms', 'twitter.backoff.http.initial.ms'],
  httpMaxMs: ['backoff.http.max.ms', 'twitter.backoff.http.max.ms'],
  rateLimitBaseMs: ['backoff.ratelimit.initial.ms', 'twitter.backoff.ratelimit.initial.ms'],
  rateLimitMaxMs: ['backoff.ratelimit.max.ms', 'twitter.backoff.ratelimit.max.ms'],
  maxBufferedTweets: ['buffer.max.tweets', 'twitter.buffer.max.tweets'],
  batchSize: ['poll.batch.size', 'twitter.poll.batch.size'],
} as const satisfies Record<string, readonly [string, ...string[]]>

type Keys = (typeof TWITTER_KEYS)[keyof typeof TWITTER_KEYS]

/** The value under the first of `keys` that is set. */
function get(config: ConnectorConfig, keys: Keys): string | undefined {
  for (const key of keys) {
    const value = config[key]
    if (value !== undefined) return value
  }
  return undefined
}

export type StreamKind = 'filtered' | 'sample'

export interface RuleSpec {
  readonly value: string
  readonly tag?: string
}

export interface TwitterSourceConfig {
  readonly bearerToken: string
  readonly stream: StreamKind
  readonly rules: readonly RuleSpec[]
  /** prefix of the tag pipe puts on its rules, so it never touches other rules */
  readonly ruleTag: string
  readonly tweetFields: readonly string[]
  readonly userFields: readonly string[]
  readonly expansions: readonly string[]
  readonly apiUrl: string
  readonly topic: string | undefined
  readonly backfill: boolean
  /** no bytes (tweets or keep-alives) for this long means a stalled stream; 3x the 20 s keep-alive */
  readonly stallTimeoutMs: number
  readonly backoff: BackoffSettings
  readonly maxBufferedTweets: number
  readonly batchSize: number
}

const DEFAULT_API_URL = 'https://api.twitter.com'

function list(config: ConnectorConfig, keys: Keys): string[] {
  const raw = get(config, keys)
  return raw === undefined ? [] : raw.split(',').map((s) => s.trim()).filter((s) => s !== '')
}

function int(config: ConnectorConfig, keys: Keys, fallback: number): number {
  const raw = get(config, keys)
  if (raw === undefined || raw.trim() === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new TwitterConfigError(`'${keys[0]}' must be a non-negative integer (got '${raw}')`)
  return n
}

function parseRules(raw: string | undefined): RuleSpec[] {
  if (raw === undefined || raw.trim() === '') return []
  // a rule may hold commas (a quoted phrase): a plain value is one rule per line, never split on commas
  if (!raw.trim().startsWith('[')) {
    return raw.split('\n').map((s) => s.trim()).filter((s) => s !== '').map((value) => ({ value }))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new TwitterConfigError(`'${TWITTER_KEYS.rules[0]}' starts with '[' but is not a JSON array of rules`)
  }
  if (!Array.isArray(parsed)) throw new TwitterConfigError(`'${TWITTER_KEYS.rules[0]}' must be a JSON array of rules`)
  return parsed.map((r: unknown) => {
    if (typeof r === 'string') return { value: r }
    if (typeof r === 'object' && r !== null && typeof (r as { value?: unknown }).value === 'string') {
      const { value, tag } = r as { value: string; tag?: unknown }
      return typeof tag === 'string' ? { value, tag } : { value }
    }
    throw new TwitterConfigError(`'${TWITTER_KEYS.rules[0]}' entries must be strings or { value, tag } objects`)
  })
}

function parseStream(raw: string | undefined): StreamKind {
  const value = raw?.trim() ?? 'filtered'
  if (value === 'filtered' || value === 'sample') return value
  throw new TwitterConfigError(`'${TWITTER_KEYS.stream[0]}' must be one of 'filtered', 'sample' (got '${value}')`)
}

function parseBackoff(config: ConnectorConfig): BackoffSettings {
  const k = TWITTER_KEYS
  return {
    networkStepMs: int(config, k.networkStepMs, DEFAULT_BACKOFF.networkStepMs),
    networkMaxMs: int(config, k.networkMaxMs, DEFAULT_BACKOFF.networkMaxMs),
    httpBaseMs: int(config, k.httpBaseMs, DEFAULT_BACKOFF.httpBaseMs),
    httpMaxMs: int(config, k.httpMaxMs, DEFAULT_BACKOFF.httpMaxMs),
    rateLimitBaseMs: int(config, k.rateLimitBaseMs, DEFAULT_BACKOFF.rateLimitBaseMs),
    rateLimitMaxMs: int(config, k.rateLimitMaxMs, DEFAULT_BACKOFF.rateLimitMaxMs),
  }
}

export function parseTwitterSourceConfig(config: ConnectorConfig, options: { allowPlaceholders?: boolean } = {}): TwitterSourceConfig {
  const k = TWITTER_KEYS
  const bearerToken = get(config, k.bearerToken)?.trim() ?? ''
  if (bearerToken === '') throw new TwitterConfigError(`'${k.bearerToken[0]}' is required (a Twitter API v2 app bearer token)`)
  if (options.allowPlaceholders !== true && /^\$\{[^}]*\}$/.test(bearerToken)) {
    throw new TwitterConfigError(`'${k.bearerToken[0]}' holds an unresolved placeholder; the runtime must resolve config providers before start`)
  }
  const stream = parseStream(get(config, k.stream))
  const rules = parseRules(get(config, k.rules))
  if (stream === 'filtered' && rules.length === 0) {
    throw new TwitterConfigError(`'${k.rules[0]}' must hold at least one rule for the filtered stream (or set '${k.stream[0]}' to 'sample')`)
  }
  return {
    bearerToken,
    stream,
    rules,
    ruleTag: get(config, k.ruleTag) ?? 'pipe',
    tweetFields: list(config, k.tweetFields),
    userFields: list(config, k.userFields),
    expansions: list(config, k.expansions),
    apiUrl: (get(config, k.apiUrl) ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    topic: get(config, k.topic),
    backfill: get(config, k.backfill) !== 'false',
    stallTimeoutMs: int(config, k.stallTimeoutMs, 60_000),
    backoff: parseBackoff(config),
    maxBufferedTweets: int(config, k.maxBufferedTweets, 10_000),
    batchSize: int(config, k.batchSize, 500),
  }
}
