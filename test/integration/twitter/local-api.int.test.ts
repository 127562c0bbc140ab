// @servers
import { afterEach, describe, expect, it } from 'vitest'
import { startTwitterApi, type TwitterApiServer } from '../../twitter-api/index.js'

const TOKEN = 'local-api-token'
const auth = { authorization: `Bearer ${TOKEN}` }

/** Reads a stream body until `count` lines (blank keep-alive lines included) arrived, then aborts. */
async function readLines(url: string, count: number): Promise<string[]> {
  const abort = new AbortController()
  const res = await fetch(url, { headers: auth, signal: abort.signal })
  const body = res.body
  if (body === null) throw new Error('no body')
  const reader = (body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (text.split('\r\n').length <= count) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  abort.abort()
  return text.split('\r\n').slice(0, count)
}

describe('local Twitter API v2 server', () => {
  let api: TwitterApiServer | undefined
  afterEach(async () => {
    await api?.close()
  })

  it('answers a bad bearer token with 401 and the documented problem shape', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 1 })
    const res = await fetch(`${api.url}/2/tweets/search/stream/rules`, { headers: { authorization: 'Bearer nope' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' })
  })

  it('manages rules: dry run, add, duplicate, list, delete', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 1 })
    const post = async (body: unknown, query = ''): Promise<Record<string, unknown>> => {
      const res = await fetch(`${api?.url ?? ''}/2/tweets/search/stream/rules${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      return (await res.json()) as Record<string, unknown>
    }
    const dry = await post({ add: [{ value: 'kafka', tag: 't' }] }, '?dry_run=true')
    expect(dry['meta']).toMatchObject({ summary: { created: 1, not_created: 0, valid: 1, invalid: 0 } })
    expect(api.rules.list()).toEqual([])
    const added = await post({ add: [{ value: 'kafka', tag: 't' }] })
    const [rule] = added['data'] as { id: string; value: string; tag: string }[]
    expect(rule).toMatchObject({ value: 'kafka', tag: 't' })
    const duplicate = await post({ add: [{ value: 'kafka' }] })
    expect(duplicate['errors']).toEqual([expect.objectContaining({ title: 'DuplicateRule', value: 'kafka', id: rule?.id })])
    const listed = (await (await fetch(`${api.url}/2/tweets/search/stream/rules`, { headers: auth })).json()) as Record<string, unknown>
    expect(listed).toMatchObject({ data: [rule], meta: { result_count: 1 } })
    const deleted = await post({ delete: { ids: [rule?.id, '42'] } })
    expect(deleted['meta']).toMatchObject({ summary: { deleted: 1, not_deleted: 1 } })
  })

  it('streams \\r\\n-delimited tweets with the requested fields and expansions, and keep-alives', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 3, ratePerSecond: 1000, keepAliveMs: 30, initialRules: [{ value: 'kafka', tag: 'k' }] })
    const lines = await readLines(`${api.url}/2/tweets/search/stream?tweet.fields=created_at,author_id&expansions=author_id&user.fields=verified`, 5)
    const messages = lines.filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(messages[0]).toEqual({
      data: { id: api.allIds[0], text: expect.any(String) as unknown, edit_history_tweet_ids: [api.allIds[0]], created_at: expect.any(String) as unknown, author_id: '1000' },
      includes: { users: [{ id: '1000', name: 'User 0', username: 'user_0', verified: true }] },
      matching_rules: [{ id: api.rules.list()[0]?.id, tag: 'k' }],
    })
    expect(lines).toContain('')
  })

  it('rejects an unknown field with the invalid-request shape', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 1 })
    const res = await fetch(`${api.url}/2/tweets/sample/stream?tweet.fields=nope`, { headers: auth })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ title: 'Invalid Request', errors: [{ parameters: { 'tweet.fields': ['nope'] } }] })
  })

  it('answers a scripted 429 with the rate-limit headers', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 1, connections: [{ kind: 'error', status: 429, resetInSeconds: 30 }] })
    const res = await fetch(`${api.url}/2/tweets/sample/stream`, { headers: auth })
    expect(res.status).toBe(429)
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0')
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000 + 25)
    expect(await res.json()).toMatchObject({ title: 'Too Many Requests', status: 429 })
  })

  it('sends an operational-disconnect message before closing a scripted disconnect', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 10, keepAliveMs: 1000, connections: [{ kind: 'serve', disconnectAfter: 2 }] })
    const res = await fetch(`${api.url}/2/tweets/sample/stream`, { headers: auth })
    const lines = (await res.text()).split('\r\n').filter((l) => l !== '')
    expect(lines).toHaveLength(3)
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ errors: [{ title: 'operational-disconnect', disconnect_type: 'UpstreamOperationalDisconnect' }] })
  })

  it('pages recent search newest first with since_id, until_id, max_results and next_token', async () => {
    api = await startTwitterApi({ bearerToken: TOKEN, tweets: 40, ratePerSecond: 100_000 })
    // publishing starts with the first stream connection
    await readLines(`${api.url}/2/tweets/sample/stream`, 1)
    await api.whenAllPublished()
    const ids = api.allIds
    const search = async (query: string): Promise<Record<string, unknown>> =>
      (await (await fetch(`${api?.url ?? ''}/2/tweets/search/recent?query=kafka&${query}`, { headers: auth })).json()) as Record<string, unknown>
    const first = await search(`since_id=${ids[4]}&until_id=${ids[35]}&max_results=10`)
    expect((first['data'] as { id: string }[]).map((t) => t.id)).toEqual(ids.slice(25, 35).reverse())
    expect(first['meta']).toMatchObject({ newest_id: ids[34], oldest_id: ids[25], result_count: 10, next_token: expect.any(String) as unknown })
    const token = (first['meta'] as { next_token: string }).next_token
    const pages = [first]
    for (let next: string | undefined = token; next !== undefined; ) {
      const page = await search(`since_id=${ids[4]}&until_id=${ids[35]}&max_results=10&next_token=${next}`)
      pages.push(page)
      next = (page['meta'] as { next_token?: string }).next_token
    }
    expect(pages.flatMap((p) => (p['data'] as { id: string }[]).map((t) => t.id))).toEqual(ids.slice(5, 35).reverse())
    expect(await search('max_results=5')).toMatchObject({ title: 'Invalid Request' })
  })
})
