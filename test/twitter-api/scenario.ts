/**
 * A scenario drives the local Twitter API v2 server: which tweets exist, how fast they are
 * published, and what happens to each stream connection attempt (served, refused with an HTTP
 * error, disconnected after some tweets, stalled).
 *
 * Tweets are published on a clock that starts at the first successful stream connection. A
 * connection receives the tweets published while it is open; tweets published while no
 * connection is open are only found through GET /2/tweets/search/recent (as on the real API).
 */
export interface Scenario {
  /** the token the server accepts as `Authorization: Bearer <token>` */
  readonly bearerToken: string
  /** how many tweets are published in total */
  readonly tweets: number
  /** tweets published per second; @default 1000 */
  readonly ratePerSecond?: number
  /** the first tweet id (a snowflake-like decimal string); @default '1800000000000000000' */
  readonly firstId?: string
  /** interval of the `\r\n` keep-alive; the real API sends one every 20 s; @default 20000 */
  readonly keepAliveMs?: number
  /** what happens to stream connection attempt i (0-based); later attempts are served normally */
  readonly connections?: readonly ConnectionScript[]
  /** rules that exist before the test starts (rules of another application, for example) */
  readonly initialRules?: readonly { readonly value: string; readonly tag?: string }[]
  /** answers for GET /2/tweets/search/recent request i (0-based); later requests are served */
  readonly searches?: readonly SearchScript[]
}

/** What one stream connection attempt gets. */
export type ConnectionScript =
  | {
      readonly kind: 'serve'
      /** after this many tweets on this connection, disconnect the way `disconnect` says */
      readonly disconnectAfter?: number
      /** @default 'operational' (an in-stream operational-disconnect message, then the end) */
      readonly disconnect?: 'operational' | 'reset' | 'end'
      /** after this many tweets on this connection, send nothing more, keep-alives included */
      readonly stallAfter?: number
    }
  | { readonly kind: 'error'; readonly status: 401 | 403 | 429 | 500 | 503; readonly resetInSeconds?: number }

/** What one recent-search request gets. */
export type SearchScript = { readonly kind: 'serve' } | { readonly kind: 'error'; readonly status: 401 | 429 | 503 }

export const DEFAULT_FIRST_ID = '1800000000000000000'
/** snowflake ids advance with the timestamp in the high bits: 1 ms = 2^22 */
const ID_STEP = 4_194_304n

/** The id of tweet number `index` (0-based): strictly increasing decimal strings. */
export function tweetId(scenario: Scenario, index: number): string {
  const first = BigInt(scenario.firstId ?? DEFAULT_FIRST_ID)
  return (first + BigInt(index) * ID_STEP + BigInt(index % 7)).toString()
}

/** The full set of ids a scenario publishes, in order. */
export function scenarioIds(scenario: Scenario): string[] {
  return Array.from({ length: scenario.tweets }, (_, i) => tweetId(scenario, i))
}

export interface StoredTweet {
  readonly id: string
  readonly text: string
  readonly author_id: string
  readonly created_at: string
  readonly lang: string
  readonly conversation_id: string
  readonly public_metrics: { retweet_count: number; reply_count: number; like_count: number; quote_count: number }
}

export interface StoredUser {
  readonly id: string
  readonly name: string
  readonly username: string
  readonly created_at: string
  readonly description: string
  readonly verified: boolean
}

const EPOCH = Date.UTC(2026, 0, 1)

/** Tweet number `index` of the scenario, deterministic (`created_at` too; the server's publisher dates each tweet when it publishes it). */
export function makeTweet(scenario: Scenario, index: number): StoredTweet {
  const id = tweetId(scenario, index)
  return {
    id,
    text: `tweet ${index} about kafka and cassandra #${index % 13}`,
    author_id: makeUser(index % 50).id,
    created_at: new Date(EPOCH + index * 1000).toISOString(),
    lang: index % 5 === 0 ? 'de' : 'en',
    conversation_id: id,
    public_metrics: { retweet_count: index % 3, reply_count: index % 2, like_count: index % 11, quote_count: 0 },
  }
}

/** User number `n` (tweets are written by 50 users). */
export function makeUser(n: number): StoredUser {
  return {
    id: String(1000 + n),
    name: `User ${n}`,
    username: `user_${n}`,
    created_at: new Date(EPOCH - n * 86_400_000).toISOString(),
    description: `the ${n}th test user`,
    verified: n % 10 === 0,
  }
}
