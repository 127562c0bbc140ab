// @servers
import { afterEach, describe, expect, it } from 'vitest'
import type { TwitterApiServer } from '../../twitter-api/index.js'
import { captureLog, runSource, sourceConfig, startTwitterApi, TOKEN } from './source-harness.js'

describe('twitter source with a rejected bearer token', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('fails with a message that says the token was rejected, and never shows the token', async () => {
    api = await startTwitterApi({ bearerToken: 'the-real-token', tweets: 10 })
    const logged = captureLog()
    const failure = await runSource(sourceConfig(api), { logged, until: () => false, timeoutMs: 10_000 }).then(
      () => new Error('expected the task to fail'),
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    )
    expect(failure.name).toBe('TwitterAuthError')
    expect(failure.message).toBe(
      "twitter rejected the bearer token (401 Unauthorized); set a valid app bearer token in 'bearer.token' (env('TWITTER_BEARER_TOKEN') in the pipeline)",
    )
    const everything = [failure.message, failure.stack ?? '', JSON.stringify(failure), ...logged.lines].join('\n')
    expect(everything).not.toContain(TOKEN)
    // it gave up at once: one rules request, no stream connection, no retries
    expect(api.served.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /2/tweets/search/stream/rules 401'])
  })

  it('fails the same way when the token is revoked while streaming', async () => {
    api = await startTwitterApi({
      bearerToken: TOKEN,
      tweets: 500,
      keepAliveMs: 50,
      connections: [{ kind: 'serve', disconnectAfter: 100, disconnect: 'reset' }, { kind: 'error', status: 401 }],
    })
    const logged = captureLog()
    const failure = await runSource(sourceConfig(api), { logged, until: () => false, timeoutMs: 10_000 }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toMatchObject({ name: 'TwitterAuthError', code: 'TWITTER_TOKEN_REJECTED' })
    expect(logged.lines.join('\n')).not.toContain(TOKEN)
    expect(logged.lines.some((l) => l.startsWith('error twitter rejected the bearer token (401'))).toBe(true)
  })
})
