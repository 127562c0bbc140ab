// @servers
import { afterEach, describe, expect, it } from 'vitest'
import type { TwitterApiServer } from '../../twitter-api/index.js'
import { runSource, sourceConfig, startTwitterApi, TOKEN } from './source-harness.js'

describe('twitter source rule management', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('adds declared rules, removes its stale ones, and leaves other rules alone', async () => {
    api = await startTwitterApi({
      bearerToken: TOKEN,
      tweets: 50,
      keepAliveMs: 50,
      initialRules: [
        { value: 'cats has:media', tag: 'marketing' },
        { value: 'dogs' },
        { value: 'old pipe rule', tag: 'pipe/twitter-test' },
        { value: 'kafka lang:en', tag: 'pipe/twitter-test' },
        { value: 'flink', tag: 'pipe/another-pipeline' },
      ],
    })
    const run = await runSource(sourceConfig(api), { until: (r) => r.length >= 50, timeoutMs: 10_000 })
    await run.stop()

    const rules = api.rules.list().map((r) => ({ value: r.value, tag: r.tag }))
    expect(rules).toEqual([
      { value: 'cats has:media', tag: 'marketing' },
      { value: 'dogs', tag: undefined },
      { value: 'kafka lang:en', tag: 'pipe/twitter-test' },
      { value: 'flink', tag: 'pipe/another-pipeline' },
      { value: 'cassandra', tag: 'pipe/twitter-test/db' },
    ])
    // a dry run validated the addition before anything changed
    const posts = api.served.requests.filter((r) => r.method === 'POST').map((r) => r.query['dry_run'] ?? 'apply')
    expect(posts).toEqual(['true', 'apply', 'apply'])
    // matched rules carry the pipeline's own tag, not pipe's ownership prefix
    const value = run.records[0]?.value as { matching_rules?: unknown }
    expect(value.matching_rules).toContainEqual(expect.objectContaining({ tag: 'db' }))
  })

  it('reads the sample stream without touching rules', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 200, keepAliveMs: 50 })
    const run = await runSource(sourceConfig(api, { stream: 'sample', rules: '' }), { until: (r) => r.length >= 200, timeoutMs: 10_000 })
    await run.stop()
    expect(run.records.length).toBe(200)
    expect(run.records[0]?.sourcePartition).toEqual({ stream: 'sample' })
    expect(api.served.requests.some((r) => r.path.includes('rules'))).toBe(false)
  })
})
