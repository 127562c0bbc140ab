import { describe, expect, it } from 'vitest'
import { parseTwitterSourceConfig } from './twitter-source-config.js'

const base = { 'bearer.token': 'secret-token-value', rules: 'kafka lang:en' }

describe('parseTwitterSourceConfig', () => {
  it('reads the dsl keys with their defaults', () => {
    const config = parseTwitterSourceConfig({ ...base, 'tweet.fields': 'id,text,author_id' })
    expect(config).toMatchObject({
      stream: 'filtered',
      rules: [{ value: 'kafka lang:en' }],
      tweetFields: ['id', 'text', 'author_id'],
      apiUrl: 'https://api.twitter.com',
      backfill: true,
      stallTimeoutMs: 60_000,
    })
    expect(config.backoff.networkStepMs).toBe(250)
  })

  it('accepts rules as a JSON array with tags, and twitter.-prefixed aliases', () => {
    const config = parseTwitterSourceConfig({ 'twitter.bearer.token': 't0ken', 'twitter.rules': '["a,b", {"value":"c","tag":"x"}]' })
    expect(config.rules).toEqual([{ value: 'a,b' }, { value: 'c', tag: 'x' }])
  })

  it('reads a plain rules value as one rule per line, never splitting on commas', () => {
    const config = parseTwitterSourceConfig({ ...base, rules: '"hello, world" lang:en\nkafka' })
    expect(config.rules).toEqual([{ value: '"hello, world" lang:en' }, { value: 'kafka' }])
  })

  it('requires rules for the filtered stream but not for the sample stream', () => {
    expect(() => parseTwitterSourceConfig({ 'bearer.token': 't0ken' })).toThrow(/'rules' must hold at least one rule/)
    expect(parseTwitterSourceConfig({ 'bearer.token': 't0ken', stream: 'sample' }).stream).toBe('sample')
  })

  it('rejects an unresolved placeholder at start without showing a value', () => {
    expect(() => parseTwitterSourceConfig({ ...base, 'bearer.token': '${env:TWITTER_BEARER_TOKEN}' })).toThrow(/unresolved placeholder/)
    expect(parseTwitterSourceConfig({ ...base, 'bearer.token': '${env:X}' }, { allowPlaceholders: true }).bearerToken).toBe('${env:X}')
  })

  it('names the key and the bad value, never the token', () => {
    let message = ''
    try {
      parseTwitterSourceConfig({ ...base, stream: 'firehose' })
    } catch (error) {
      message = error instanceof Error ? error.message : ''
    }
    expect(message).toBe("twitter source: 'stream' must be one of 'filtered', 'sample' (got 'firehose')")
    expect(message).not.toContain('secret-token-value')
  })
})
