import { describe, expect, it } from 'vitest'
import { env } from '../../builder/secret.js'
import { source, topic } from '../../builder/source.js'
import { toPipelineIR } from '../../builder/to-pipeline-ir.js'
import { compilePipeline, validatePipeline } from '../../testing/builtin-catalog.fixture.js'
import { twitter } from './twitter-source.js'

const tweets = (rules: readonly string[]) =>
  toPipelineIR(source(twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), rules })).to(topic('tweets')), { defaultName: 'tw' })

describe('twitter source rules', () => {
  it('compile as a JSON array string, so a rule may hold commas', () => {
    const rules = ['"hello, world" lang:en', 'kafka']
    const ir = tweets(rules)
    expect(validatePipeline(ir)).toEqual([])
    const config = compilePipeline(ir, { target: 'pipe' }).connectors[0]?.config
    expect(config?.['rules']).toBe('["\\"hello, world\\" lang:en","kafka"]')
    expect(JSON.parse(config?.['rules'] ?? '')).toEqual(rules)
  })

  it('keep the other lists comma-separated', () => {
    const config = compilePipeline(tweets(['kafka']), { target: 'pipe' }).connectors[0]?.config
    expect(config?.['tweet.fields']).toBe('id,text,author_id,created_at,lang')
  })
})
