import { describe, expect, it } from 'vitest'
import { errorForResponse, TwitterClient, type FetchLike } from './twitter-client.js'
import { TwitterAuthError, TwitterRequestError, TwitterTransientError } from './twitter-errors.js'

const problem = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('errorForResponse', () => {
  it('makes 401 fatal with a message that says the token was rejected', async () => {
    const error = await errorForResponse('GET', '/2/tweets/search/stream', problem(401, { title: 'Unauthorized', detail: 'Unauthorized', status: 401 }))
    expect(error).toBeInstanceOf(TwitterAuthError)
    expect(error.message).toMatch(/^twitter rejected the bearer token \(401 Unauthorized\)/)
  })

  it('classifies 429 as rate-limit with the reset time, 5xx as http, network-free', async () => {
    const limited = await errorForResponse('GET', '/2/tweets/search/stream', problem(429, { title: 'Too Many Requests' }, { 'x-rate-limit-reset': '1700000000' }))
    expect(limited).toMatchObject({ failure: 'rate-limit', resetAtMs: 1_700_000_000_000 })
    const down = await errorForResponse('GET', '/2/tweets/search/stream?x=1', problem(503, { title: 'Service Unavailable' }))
    expect(down).toBeInstanceOf(TwitterTransientError)
    expect(down).toMatchObject({ failure: 'http', message: 'GET /2/tweets/search/stream answered 503 (Service Unavailable)' })
  })

  it('makes other 4xx answers fatal request errors with the API message', async () => {
    const bad = await errorForResponse('GET', '/2/tweets/search/recent', problem(400, { title: 'Invalid Request', errors: [{ message: 'since_id is too old' }] }))
    expect(bad).toBeInstanceOf(TwitterRequestError)
    expect(bad.message).toBe('twitter source: GET /2/tweets/search/recent answered 400: Invalid Request: since_id is too old')
  })
})

describe('TwitterClient', () => {
  it('sends the bearer token only in the Authorization header, to the configured base URL', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const client = new TwitterClient({
      baseUrl: 'http://127.0.0.1:1/',
      bearerToken: 'tok',
      fetch: (url, init) => {
        calls.push({ url, init })
        return Promise.resolve(problem(200, { data: [{ id: '1', value: 'kafka', tag: 'pipe/x' }], meta: { result_count: 1 } }))
      },
    })
    expect(await client.getRules()).toEqual([{ id: '1', value: 'kafka', tag: 'pipe/x' }])
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/2/tweets/search/stream/rules')
    expect(calls[0]?.init.headers).toEqual({ authorization: 'Bearer tok' })
  })

  it('turns a refused connection into a network failure without the token in it', async () => {
    const client = new TwitterClient({ baseUrl: 'http://127.0.0.1:1', bearerToken: 'tok-secret', fetch: () => Promise.reject(new TypeError('fetch failed')) })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toMatchObject({ failure: 'network', message: 'cannot reach http://127.0.0.1:1: fetch failed' })
    expect(JSON.stringify(error)).not.toContain('tok-secret')
  })

  it('gives up on an answer that does not come within the request timeout, as a network failure', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => {
          reject(new DOMException('aborted', 'AbortError'))
        })
      })
    const client = new TwitterClient({ baseUrl: 'http://127.0.0.1:1', bearerToken: 't0k', fetch: hang, requestTimeoutMs: 20 })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toMatchObject({ failure: 'network', message: 'cannot reach http://127.0.0.1:1: no answer within 20 ms' })
  })
})
