// @servers
import { afterEach, describe, expect, it } from 'vitest'
import type { TwitterApiServer } from '../../twitter-api/index.js'
import { captureLog, idsOf, runSource, sourceConfig, startTwitterApi, TOKEN } from './source-harness.js'

describe('twitter source restarted from its committed offset', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('backfills the tweets published while it was down, through recent search, before streaming resumes', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 3_000, ratePerSecond: 2_000, keepAliveMs: 100 })
    // GIVEN a first run that stops (as after kill -9) having delivered the first 500 tweets
    const first = await runSource(sourceConfig(api), { until: (r) => r.length >= 500, timeoutMs: 20_000 })
    await first.stop()
    const delivered = first.records.slice(0, 500)
    const committed = delivered.at(-1)?.sourceOffset
    expect(committed).toEqual({ since_id: api.allIds[499] })
    if (committed === undefined) throw new Error('no offset was committed')
    // WHEN the tweets go on being published while no one listens, and the task restarts
    await new Promise((resolve) => setTimeout(resolve, 400))
    const gapEnd = api.publishedIds().length
    const logged = captureLog()
    const second = await runSource(sourceConfig(api), { committed, logged, until: (r) => r.length >= 2_500, timeoutMs: 30_000 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    second.records.push(...(await second.task.poll()))
    const status = second.task.status()
    await second.stop()

    // THEN every tweet arrives exactly once over both runs, in order
    const all = [...idsOf(delivered), ...idsOf(second.records)]
    expect(all).toEqual(api.allIds)
    expect(status?.backfilled).toBeGreaterThanOrEqual(gapEnd - 500)
    const searches = api.served.requests.filter((r) => r.path === '/2/tweets/search/recent')
    expect(searches[0]?.query).toMatchObject({ since_id: api.allIds[499], max_results: '100', query: '(kafka lang:en) OR (cassandra)' })
    expect(searches.some((r) => r.query['next_token'] !== undefined)).toBe(true)
    expect(logged.lines.some((l) => l.startsWith('info twitter source: backfilled'))).toBe(true)
  })

  it('retries a backfill that recent search answers with 429, and still delivers every tweet once', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 1_000, ratePerSecond: 2_000, keepAliveMs: 100, searches: [{ kind: 'error', status: 429 }] })
    const first = await runSource(sourceConfig(api), { until: (r) => r.length >= 200, timeoutMs: 20_000 })
    await first.stop()
    const delivered = first.records.slice(0, 200)
    await api.whenAllPublished()
    const logged = captureLog()
    const committed = delivered.at(-1)?.sourceOffset
    if (committed === undefined) throw new Error('no offset was committed')
    const second = await runSource(sourceConfig(api), { committed, logged, until: (r) => r.length >= 800, timeoutMs: 30_000 })
    await second.stop()

    expect([...idsOf(delivered), ...idsOf(second.records)]).toEqual(api.allIds)
    expect(logged.lines.some((l) => l.includes('/2/tweets/search/recent answered 429') && l.includes('(rate-limit backoff)'))).toBe(true)
  })
})
