import { describe, expect, it } from 'vitest'
import { isTransient, retryDelay, withRetry } from './retry.js'

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(Object.assign(new Error(name), { name }), extra)
}

describe('isTransient', () => {
  it('retries node outages, timeouts and overload, not bad queries', () => {
    expect(isTransient(named('NoHostAvailableError'))).toBe(true)
    expect(isTransient(named('OperationTimedOutError'))).toBe(true)
    expect(isTransient(named('ResponseError', { code: 0x1000 }))).toBe(true)
    expect(isTransient(named('ResponseError', { code: 0x1100 }))).toBe(true)
    expect(isTransient(named('ResponseError', { code: 0x2200 }))).toBe(false)
    expect(isTransient(named('TypeError'))).toBe(false)
    expect(isTransient('nope')).toBe(false)
  })
})

describe('retryDelay', () => {
  it('doubles from the initial delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(100, 1000, n))).toEqual([100, 200, 400, 800, 1000, 1000])
  })
})

describe('withRetry', () => {
  const signal = new AbortController().signal

  it('retries transient failures until the operation succeeds, reporting each', async () => {
    let calls = 0
    const seen: number[] = []
    const result = await withRetry(
      () => {
        calls += 1
        return calls < 3 ? Promise.reject(named('NoHostAvailableError')) : Promise.resolve('ok')
      },
      { initialMs: 1, maxMs: 2, timeoutMs: -1, signal, onRetry: (_e, attempt) => seen.push(attempt) },
    )
    expect(result).toBe('ok')
    expect(seen).toEqual([1, 2])
  })

  it('throws a non-transient failure at once', async () => {
    const bad = named('ResponseError', { code: 0x2200 })
    await expect(withRetry(() => Promise.reject(bad), { initialMs: 1, maxMs: 1, timeoutMs: -1, signal, onRetry: () => undefined })).rejects.toBe(bad)
  })

  it('gives up after the timeout with a retriable error for the engine', async () => {
    let now = 0
    const promise = withRetry(() => Promise.reject(named('NoHostAvailableError')), {
      initialMs: 1,
      maxMs: 1,
      timeoutMs: 10,
      signal,
      now: () => (now += 6),
      onRetry: () => undefined,
    })
    await expect(promise).rejects.toMatchObject({ name: 'RetriableError', message: expect.stringContaining('still failing after 10 ms') as unknown })
  })
})
