import { EMPTY, defer } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { describe, expect, it } from 'vitest'
import { retryWithBackoff } from './retry-with-backoff.js'

const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => { expect(actual).toEqual(expected); })
const retriable = (e: unknown): boolean => e === 'transient'

describe('retryWithBackoff', () => {
  it('retries retriable errors with doubling delays until the source succeeds', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const attempts = [cold('#', undefined, 'transient'), cold('#', undefined, 'transient'), cold('a|')]
      let n = 0
      const flaky = defer(() => attempts[Math.min(n++, 2)] ?? EMPTY)
      expectObservable(flaky.pipe(retryWithBackoff({ retryTimeoutMs: 10_000, maxDelayMs: 1000, initialDelayMs: 10 }, retriable))).toBe('30ms a|')
      expectSubscriptions(attempts[2]?.subscriptions ?? []).toBe(['30ms ^!'])
    })
  })

  it('gives up once the retry timeout has passed', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const failing = cold('#', undefined, 'transient')
      expectObservable(failing.pipe(retryWithBackoff({ retryTimeoutMs: 25, maxDelayMs: 1000, initialDelayMs: 10 }, retriable))).toBe('25ms #', undefined, 'transient')
    })
  })

  it('fails at once on a non-retriable error and with a zero timeout', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('#', undefined, 'fatal').pipe(retryWithBackoff({ retryTimeoutMs: 1000, maxDelayMs: 10 }, retriable))).toBe('#', undefined, 'fatal')
      expectObservable(cold('#', undefined, 'transient').pipe(retryWithBackoff({ retryTimeoutMs: 0, maxDelayMs: 10 }, retriable))).toBe('#', undefined, 'transient')
    })
  })

  it('caps the delay at maxDelayMs', () => {
    scheduler().run(({ cold, expectObservable }) => {
      let n = 0
      const flaky = defer(() => (n++ < 3 ? cold('#', undefined, 'transient') : cold('a|')))
      expectObservable(flaky.pipe(retryWithBackoff({ retryTimeoutMs: -1, maxDelayMs: 15, initialDelayMs: 10 }, retriable))).toBe('40ms a|')
    })
  })
})
