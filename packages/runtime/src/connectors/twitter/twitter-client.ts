import type { ExistingRule } from './rule-diff.js'
import type { Tweet } from './stream-parser.js'
import { TwitterAuthError, TwitterRequestError, TwitterTransientError } from './twitter-errors.js'

/**
 * A small Twitter API v2 client on `fetch` (undici): the four endpoints the source uses, any base
 * URL, errors classified for the reconnect backoff. It never retries by itself.
 */

export interface FieldOptions {
  readonly tweetFields: readonly string[]
  readonly userFields: readonly string[]
  readonly expansions: readonly string[]
}

export interface SearchPage {
  readonly tweets: readonly Tweet[]
  readonly includes: Readonly<Record<string, unknown>> | undefined
  readonly nextToken: string | undefined
}

export interface SearchRequest extends FieldOptions {
  readonly query: string
  readonly sinceId?: string
  readonly untilId?: string
  readonly nextToken?: string
  readonly maxResults?: number
}

export interface RulesUpdate {
  readonly add?: readonly { readonly value: string; readonly tag: string }[]
  readonly delete?: { readonly ids: readonly string[] }
}

export interface RulesUpdateResult {
  readonly created: readonly ExistingRule[]
  readonly errors: readonly unknown[]
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface TwitterClientOptions {
  readonly baseUrl: string
  readonly bearerToken: string
  readonly fetch?: FetchLike
  /** how long to wait for an answer's headers (a stream's included); @default 30000 */
  readonly requestTimeoutMs?: number
}

export class TwitterClient {
  readonly #baseUrl: string
  readonly #token: string
  readonly #fetch: FetchLike
  readonly #timeoutMs: number

  constructor(options: TwitterClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#token = options.bearerToken
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init))
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000
  }

  async getRules(signal?: AbortSignal): Promise<ExistingRule[]> {
    const body = await this.#json('GET', '/2/tweets/search/stream/rules', undefined, signal)
    return Array.isArray(body['data']) ? (body['data'] as ExistingRule[]) : []
  }

  async updateRules(update: RulesUpdate, dryRun = false, signal?: AbortSignal): Promise<RulesUpdateResult> {
    const path = `/2/tweets/search/stream/rules${dryRun ? '?dry_run=true' : ''}`
    const body = await this.#json('POST', path, update, signal)
    return {
      created: Array.isArray(body['data']) ? (body['data'] as ExistingRule[]) : [],
      errors: Array.isArray(body['errors']) ? (body['errors'] as unknown[]) : [],
    }
  }

  async searchRecent(request: SearchRequest, signal?: AbortSignal): Promise<SearchPage> {
    const params = fieldParams(request)
    params.set('query', request.query)
    params.set('max_results', String(request.maxResults ?? 100))
    if (request.sinceId !== undefined) params.set('since_id', request.sinceId)
    if (request.untilId !== undefined) params.set('until_id', request.untilId)
    if (request.nextToken !== undefined) params.set('next_token', request.nextToken)
    const body = await this.#json('GET', `/2/tweets/search/recent?${params.toString()}`, undefined, signal)
    const meta = (body['meta'] ?? {}) as { next_token?: unknown }
    return {
      tweets: Array.isArray(body['data']) ? (body['data'] as Tweet[]) : [],
      includes: (body['includes'] ?? undefined) as Record<string, unknown> | undefined,
      nextToken: typeof meta.next_token === 'string' ? meta.next_token : undefined,
    }
  }

  /** Connects to the filtered or sample stream; resolves with the body once the answer is 200. */
  async openStream(kind: 'filtered' | 'sample', fields: FieldOptions, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const path = kind === 'filtered' ? '/2/tweets/search/stream' : '/2/tweets/sample/stream'
    const query = fieldParams(fields).toString()
    const res = await this.#send('GET', query === '' ? path : `${path}?${query}`, undefined, signal)
    if (res.body === null) throw new TwitterTransientError('network', 'stream answered without a body')
    return res.body
  }

  async #json(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const res = await this.#send(method, path, body, signal)
    let parsed: unknown
    try {
      parsed = await res.json()
    } catch (error) {
      throw new TwitterTransientError('http', `${method} ${path.split('?')[0] ?? path} answered 200 with a body that is not JSON`, undefined, { cause: error })
    }
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  }

  async #send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    // the timeout covers the wait for headers only: a stream's body may then run for days
    const timeout = new AbortController()
    const timer = setTimeout(() => {
      timeout.abort(new Error(`no answer within ${this.#timeoutMs} ms`))
    }, this.#timeoutMs)
    let res: Response
    try {
      res = await this.#fetch(this.#baseUrl + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]),
      })
    } catch (error) {
      if (signal?.aborted === true) throw error
      const reason: unknown = timeout.signal.aborted ? timeout.signal.reason : error
      throw new TwitterTransientError('network', `cannot reach ${this.#baseUrl}: ${describe(reason)}`, undefined, { cause: error })
    } finally {
      clearTimeout(timer)
    }
    if (res.ok) return res
    throw await errorForResponse(method, path, res)
  }
}

function fieldParams(fields: FieldOptions): URLSearchParams {
  const params = new URLSearchParams()
  if (fields.tweetFields.length > 0) params.set('tweet.fields', fields.tweetFields.join(','))
  if (fields.userFields.length > 0) params.set('user.fields', fields.userFields.join(','))
  if (fields.expansions.length > 0) params.set('expansions', fields.expansions.join(','))
  return params
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}

/** Turns a non-2xx answer into the error class that decides fail vs. backoff. */
export async function errorForResponse(method: string, path: string, res: Response): Promise<Error> {
  const text = await res.text().catch(() => '')
  let detail = res.statusText
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] }
    const first = body.errors?.[0]?.message
    const parts = [body.title, body.detail, first].filter((s): s is string => typeof s === 'string' && s !== '')
    detail = [...new Set(parts)].join(': ') || detail
  } catch {
    // not JSON: keep the status text
  }
  const where = `${method} ${path.split('?')[0] ?? path}`
  const status = res.status
  if (status === 401 || status === 403) return new TwitterAuthError(status, detail)
  if (status === 429) {
    const reset = Number(res.headers.get('x-rate-limit-reset'))
    const resetAtMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined
    return new TwitterTransientError('rate-limit', `${where} answered 429 (${detail})`, resetAtMs)
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new TwitterTransientError('http', `${where} answered ${status} (${detail})`)
  }
  return new TwitterRequestError(status, `twitter source: ${where} answered ${status}: ${detail}`)
}
