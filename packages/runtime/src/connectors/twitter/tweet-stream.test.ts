import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF } from './backoff.js'
import { TweetStream } from './tweet-stream.js'
import { TwitterClient, type FetchLike } from './twitter-client.js'

/** A scripted fake of the API (no network): each stream connection attempt gets the next answer. */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | { lines: string[] }

function fakeApi(streamAnswers: Answer[], searchPages: unknown[] = []): { fetch: FetchLike; paths: string[] } {
  const paths: string[] = []
  const fetch: FetchLike = (url) => {
    const path = new URL(url).pathname + new URL(url).search
    paths.push(path)
    if (path.startsWith('/2/tweets/search/recent')) return Promise.resolve(Response.json(searchPages.shift() ?? { meta: { result_count: 0 } }))
    const answer = streamAnswers.shift() ?? { lines: [] }
    if ('lines' in answer) return Promise.resolve(new Response(answer.lines.map((l) => `${l}\r\n`).join(''), { status: 200 }))
    return Promise.resolve(Response.json(answer.body ?? {}, { status: answer.status, headers: answer.headers ?? {} }))
  }
  return { fetch, paths }
}

const tweet = (id: string): string => JSON.stringify({ data: { id, text: `t${id}` } })

function streamOver(fetch: FetchLike, lines: string[], sinceId?: string): TweetStream {
  return new TweetStream({
    client: new TwitterClient({ baseUrl: 'http://127.0.0.1:1', bearerToken: 'sekrit-bearer-value', fetch }),
    kind: 'filtered',
    fields: { tweetFields: [], userFields: [], expansions: [] },
    rules: [{ value: 'kafka' }],
    backfill: true,
    sinceId,
    stallTimeoutMs: 1_000,
    backoff: { ...DEFAULT_BACKOFF, networkStepMs: 1, httpBaseMs: 2, rateLimitBaseMs: 3 },
    maxBuffered: 100,
    logger: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) },
  })
}

async function takeAll(stream: TweetStream, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < 50 && ids.length < count; i++) ids.push(...(await stream.take(100, 20)).map((m) => m.data.id))
  return ids
}

describe('TweetStream', () => {
  it('backs off per failure class and resumes with a backfill, without duplicates', async () => {
    const { fetch, paths } = fakeApi(
      [
        { status: 503, body: { title: 'Service Unavailable' } },
        { lines: [tweet('10'), '', tweet('11')] },
        { status: 429, body: { title: 'Too Many Requests' } },
        { lines: [tweet('13'), tweet('14')] },
      ],
      [{ data: [{ id: '13', text: 't13' }, { id: '12', text: 't12' }], meta: { result_count: 2 } }],
    )
    const log: string[] = []
    const stream = streamOver(fetch, log)
    stream.start()
    const ids = await takeAll(stream, 5)
    await stream.stop()
    expect(ids).toEqual(['10', '11', '12', '13', '14'])
    expect(stream.status()).toMatchObject({ lastId: '14', backfilled: 2, duplicatesDropped: 1 })
    expect(log.filter((l) => l.startsWith('warn')).map((l) => /\((\S+) backoff\)/.exec(l)?.[1])).toEqual(['http', 'rate-limit'])
    expect(paths.find((p) => p.startsWith('/2/tweets/search/recent'))).toContain('since_id=11')
  })

  it('fails on 401 and says so from take, without the token', async () => {
    const { fetch } = fakeApi([{ status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized' } }])
    const log: string[] = []
    const stream = streamOver(fetch, log)
    stream.start()
    const error = await takeAll(stream, 1).catch((e: unknown) => e)
    await stream.stop()
    expect(error).toMatchObject({ name: 'TwitterAuthError' })
    expect(stream.status().state).toBe('stopped')
    expect(log.join('\n')).not.toContain('sekrit-bearer-value')
  })
})
