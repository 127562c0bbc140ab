import { PIPE_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import { sourceRef, defineConnector, type DefinitionOptions, type SourceConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * A tweet as the Twitter API v2 stream endpoints return it (`data`, with the default fields).
 *
 * @example
 * ```ts
 * source(twitter({ bearerToken: env('T'), rules: ['kafka'] })).map((t: Tweet) => t.text)
 * ```
 */
export interface Tweet {
  readonly id: string
  readonly text: string
  readonly author_id: string
  readonly created_at: string
  readonly lang: string
}

/**
 * Definition of the twitter source: Twitter API v2 filtered stream (`/2/tweets/search/stream`, with
 * `rules`) or sample stream (`/2/tweets/sample/stream`), bearer-token auth. Pipe runtime only: no
 * maintained Kafka Connect connector for API v2 with bearer tokens exists on Maven Central (the
 * known ones target the retired v1.1 streaming API with OAuth 1.0a).
 *
 * @example
 * ```ts
 * twitterSourceDefinition.fields.bearerToken.kind // 'secret'
 * ```
 */
export const twitterSourceDefinition = defineConnector({
  name: 'twitter',
  role: 'source',
  doc: 'Streams tweets from the Twitter API v2 filtered or sample stream. Pipe runtime only: no maintained Kafka Connect connector for API v2 with bearer tokens exists on Maven Central.',
  fields: {
    bearerToken: field.secret({ key: 'bearer.token', doc: "app bearer token; use env('TWITTER_BEARER_TOKEN')" }),
    stream: field.enum(['filtered', 'sample'], { key: 'stream', doc: 'filtered (needs rules) or sample stream', default: 'filtered' }),
    rules: field.list({ key: 'rules', doc: 'filtered-stream rules, e.g. "kafka lang:en" (compiled as a JSON array: a rule may hold commas)', optional: true, encoding: 'json' }),
    tweetFields: field.list({ key: 'tweet.fields', doc: 'tweet.fields query parameter', default: ['id', 'text', 'author_id', 'created_at', 'lang'] }),
    apiUrl: field.string({ key: 'api.url', doc: 'API base URL (a local server in tests)', default: 'https://api.twitter.com' }),
  },
  formats: ['json'],
  kafkaConnect: { unsupported: 'no maintained Kafka Connect connector for the Twitter API v2 with bearer tokens exists on Maven Central' },
  pipeClass: PIPE_CONNECTOR_CLASSES['twitter-source'],
  check: (options) =>
    (options['stream'] ?? 'filtered') === 'filtered' && !Array.isArray(options['rules'])
      ? [{ code: 'PIPE_MISSING_OPTION', message: "twitter source with stream 'filtered' needs 'rules'", hint: "add rules: ['kafka lang:en'], or set stream: 'sample'" }]
      : [],
})

/**
 * Options of {@link twitter}.
 *
 * @example
 * ```ts
 * twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), stream: 'sample' })
 * ```
 */
export type TwitterOptions = DefinitionOptions<typeof twitterSourceDefinition>

/**
 * A source of tweets (pipe runtime only).
 *
 * @example
 * ```ts
 * source(twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), rules: ['kafka lang:en'] }))
 * ```
 */
export function twitter(options: TwitterOptions): SourceConnector<Tweet> {
  return sourceRef(twitterSourceDefinition, options)
}
