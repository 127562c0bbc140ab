import { describe, expect, it } from 'vitest'
import { parseTwitterSourceConfig } from './twitter-source-config.js'

// what `pipe compile --target pipe pipelines/twitter.ts` writes for the source (placeholder resolved)
const compiled = {
  'api.url': 'https://api.twitter.com',
  'bearer.token': 'resolved-token',
  'connector.class': 'pipe:twitter-source',
  'errors.tolerance': 'none',
  name: 'twitter-source',
  rules: '["kafka lang:en","\\"hello, world\\" -is:retweet"]',
  stream: 'filtered',
  'tasks.max': '1',
  topic: 'tweets',
  'tweet.fields': 'id,text,author_id,created_at,lang',
}

describe('twitter source config compiled by the dsl', () => {
  it('is read with the dsl keys', () => {
    expect(parseTwitterSourceConfig(compiled)).toMatchObject({
      apiUrl: 'https://api.twitter.com',
      bearerToken: 'resolved-token',
      rules: [{ value: 'kafka lang:en' }, { value: '"hello, world" -is:retweet' }],
      stream: 'filtered',
      topic: 'tweets',
      tweetFields: ['id', 'text', 'author_id', 'created_at', 'lang'],
    })
  })
})
