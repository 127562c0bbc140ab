// @servers
import { afterEach, describe, expect, it } from 'vitest'
import type { TwitterApiServer } from '../../twitter-api/index.js'
import { captureLog, idsOf, runSource, sourceConfig, startTwitterApi, TOKEN } from './source-harness.js'

describe('twitter source on a stream that stalls', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('reconnects when keep-alives stop, and backfills what it missed', async () => {
    // keep-alives every 100 ms; the client gives up on a connection after 600 ms of silence
    api = await startTwitterApi({
      bearerToken: TOKEN,
      tweets: 2_000,
      ratePerSecond: 1_000,
      keepAliveMs: 100,
      connections: [{ kind: 'serve', stallAfter: 300 }, { kind: 'error', status: 503 }],
    })
    const logged = captureLog()
    const run = await runSource(sourceConfig(api), { logged, until: (r) => r.length >= 2_000, timeoutMs: 30_000 })
    const status = run.task.status()
    await run.stop()

    expect(idsOf(run.records)).toEqual(api.allIds)
    expect(logged.lines.some((l) => l.includes('stream stalled: no data or keep-alive for 600 ms'))).toBe(true)
    expect(logged.lines.some((l) => l.includes('answered 503') && l.includes('(http backoff)'))).toBe(true)
    expect(status).toMatchObject({ state: 'streaming', connections: 2 })
    expect(status?.backfilled).toBeGreaterThan(0)
  })
})
