import { describe, expect, it } from 'vitest'
import { retryAsync } from './retry-async.js'
import { exponentialDelay, nextRetry } from './retry-options.js'

const retriable = (e: unknown): boolean => e === 'transient'

describe('exponentialDelay', () => {
  it('grows by the factor from the initial delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((n) => exponentialDelay(100, 1000, n))).toEqual([100, 200, 400, 800, 1000])
    expect([1, 2, 3].map((n) => exponentialDelay(10, 1000, n, 3))).toEqual([10, 30, 90])
  })
})

describe('nextRetry', () => {
  it('gives up after maxAttempts retries, with the error giveUp builds', () => {
    const options = { isRetriable: retriable, initialDelayMs: 1, maxAttempts: 2, giveUp: (_e: unknown, reason: string) => `gave up: ${reason}` }
    expect(nextRetry(options, 'transient', 2, 0)).toEqual({ delayMs: 2 })
    expect(nextRetry(options, 'transient', 3, 0)).toEqual({ error: 'gave up: attempts' })
    expect(nextRetry(options, 'fatal', 1, 0)).toEqual({ error: 'fatal' })
  })

  it('takes jitter off the delay and ends the last wait at the deadline when asked', () => {
    expect(nextRetry({ isRetriable: retriable, initialDelayMs: 100, jitter: 0.5, random: () => 1 }, 'transient', 1, 0)).toEqual({ delayMs: 50 })
    expect(nextRetry({ isRetriable: retriable, initialDelayMs: 100, timeoutMs: 130, clampToDeadline: true }, 'transient', 1, 100)).toEqual({ delayMs: 30 })
    expect(nextRetry({ isRetriable: retriable, initialDelayMs: 100, timeoutMs: 130 }, 'transient', 1, 130)).toEqual({ error: 'transient' })
  })
})

describe('retryAsync', () => {
  it('retries until the operation resolves, telling onRetry each attempt and delay', async () => {
    let calls = 0
    const seen: [number, number][] = []
    const result = await retryAsync(() => (++calls < 3 ? Promise.reject(new Error('x')) : Promise.resolve('ok')), {
      isRetriable: () => true,
      initialDelayMs: 1,
      onRetry: (_e, attempt, delay) => seen.push([attempt, delay]),
    })
    expect(result).toBe('ok')
    expect(seen).toEqual([[1, 1], [2, 2]])
  })

  it('gives up once the signal aborts, cutting the running wait short', async () => {
    const stop = new AbortController()
    const started = Date.now()
    const promise = retryAsync(() => Promise.reject(new Error('down')), {
      isRetriable: () => true,
      initialDelayMs: 60_000,
      signal: stop.signal,
      onRetry: () => { setTimeout(() => { stop.abort() }, 5) },
      giveUp: (_e, reason) => new Error(`stopped (${reason})`),
    })
    await expect(promise).rejects.toThrow('stopped (aborted)')
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
