import { describe, expect, it } from 'vitest'
import { backoffDelay, BackoffTracker, DEFAULT_BACKOFF } from './backoff.js'

const delays = (failure: 'network' | 'http' | 'rate-limit', n: number): number[] =>
  Array.from({ length: n }, (_, i) => backoffDelay(DEFAULT_BACKOFF, failure, i + 1, 0))

describe('backoffDelay', () => {
  it('backs off linearly by 250 ms up to 16 s for network errors', () => {
    expect(delays('network', 4)).toEqual([250, 500, 750, 1000])
    expect(backoffDelay(DEFAULT_BACKOFF, 'network', 64, 0)).toBe(16_000)
    expect(backoffDelay(DEFAULT_BACKOFF, 'network', 1000, 0)).toBe(16_000)
  })

  it('backs off exponentially from 5 s up to 320 s for HTTP errors', () => {
    expect(delays('http', 8)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000])
  })

  it('backs off exponentially from 1 minute for 429 without a reset header', () => {
    expect(delays('rate-limit', 3)).toEqual([60_000, 120_000, 240_000])
  })

  it('waits until x-rate-limit-reset when the 429 carries it', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 'rate-limit', 1, 1_000_000, 1_042_000)).toBe(42_000)
    expect(backoffDelay(DEFAULT_BACKOFF, 'rate-limit', 1, 1_000_000, 999_000)).toBe(0)
  })

  it('reconnects at once on attempt 0 (an established connection dropped)', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 'http', 0, 0)).toBe(0)
  })
})

describe('BackoffTracker', () => {
  it('counts attempts per failure class and starts over after reset', () => {
    const tracker = new BackoffTracker({ ...DEFAULT_BACKOFF, networkStepMs: 10, httpBaseMs: 100 })
    expect([tracker.next('network', 0), tracker.next('network', 0), tracker.next('http', 0), tracker.next('http', 0)]).toEqual([10, 20, 100, 200])
    tracker.reset()
    expect(tracker.next('network', 0)).toBe(10)
  })
})
