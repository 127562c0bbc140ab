// @servers
import { afterEach, describe, expect, it } from 'vitest'
import type { TwitterApiServer } from '../../twitter-api/index.js'
import { captureLog, idsOf, runSource, sourceConfig, startTwitterApi } from './source-harness.js'

describe('twitter source over a stream with two disconnects and one 429', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('delivers each of 10,000 tweets exactly once, in id order', async () => {
    api = await startTwitterApi({
      bearerToken: 'test-bearer-AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid',
      tweets: 10_000,
      ratePerSecond: 2_000,
      keepAliveMs: 100,
      // 2,500 tweets, operational disconnect, a 429 (1-2 s until its reset), 1,500 tweets, TCP reset
      connections: [
        { kind: 'serve', disconnectAfter: 2_500, disconnect: 'operational' },
        { kind: 'error', status: 429, resetInSeconds: 1 },
        { kind: 'serve', disconnectAfter: 1_500, disconnect: 'reset' },
      ],
    })
    const logged = captureLog()
    const { records, stop, task } = await runSource(sourceConfig(api), { logged, until: (r) => r.length >= 10_000, timeoutMs: 60_000 })
    // a little longer: nothing more may arrive (no duplicates after the last one)
    await new Promise((resolve) => setTimeout(resolve, 300))
    records.push(...(await task.poll()))
    const status = task.status()
    await stop()

    const ids = idsOf(records)
    expect(ids.length).toBe(10_000)
    expect(new Set(ids).size).toBe(10_000)
    expect(ids).toEqual(api.allIds)
    // the gaps were really there: the stream alone did not carry every tweet
    expect(new Set(api.served.streamedIds).size).toBeLessThan(10_000)
    expect(status?.backfilled).toBeGreaterThan(0)
    expect(api.served.streamConnections).toBe(4)
    expect(api.served.requests.some((r) => r.status === 429)).toBe(true)
    expect(records.at(-1)?.sourceOffset).toEqual({ since_id: api.allIds.at(-1) })
    expect(records[0]?.sourcePartition).toEqual({ stream: 'filtered' })
    expect(logged.lines.join('\n')).toContain('429')
  })
})
