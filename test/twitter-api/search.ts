import type { ServerResponse } from 'node:http'
import { isInvalidParameter, parseFieldSelection, renderIncludes, renderTweet, type FieldSelection } from './fields.js'
import { sendInvalidRequest, sendInvalidParameter, sendJson } from './problems.js'
import type { StoredTweet } from './scenario.js'

/**
 * GET /2/tweets/search/recent over the tweets published so far: newest first, `since_id` and
 * `until_id` exclusive, `max_results` 10..100 (default 10), `next_token` pagination.
 */
export function handleSearchRecent(published: readonly StoredTweet[], url: URL, res: ServerResponse): void {
  const request = parseSearch(url.searchParams, res)
  if (request === undefined) return
  const { since, until, token, max, sel } = request
  const matching = published
    .filter((t) => {
      const id = BigInt(t.id)
      return (since === undefined || id > since) && (until === undefined || id < until) && (token === undefined || id <= token)
    })
    .reverse()
  const page = matching.slice(0, max)
  const next = matching[max]
  const first = page[0]
  const last = page[page.length - 1]
  const meta =
    first === undefined || last === undefined
      ? { result_count: 0 }
      : { newest_id: first.id, oldest_id: last.id, result_count: page.length, ...(next === undefined ? {} : { next_token: next.id }) }
  const includes = page.length > 0 ? renderIncludes(page, sel) : undefined
  sendJson(res, 200, {
    ...(page.length > 0 ? { data: page.map((t) => renderTweet(t, sel)) } : {}),
    ...(includes === undefined ? {} : { includes }),
    meta,
  })
}

interface SearchParams {
  readonly sel: FieldSelection
  readonly max: number
  readonly since: bigint | undefined
  readonly until: bigint | undefined
  readonly token: bigint | undefined
}

/** The validated parameters, or undefined after answering 400. */
function parseSearch(params: URLSearchParams, res: ServerResponse): SearchParams | undefined {
  const sel = parseFieldSelection(params)
  if (isInvalidParameter(sel)) {
    sendInvalidParameter(res, sel)
    return undefined
  }
  const query = params.get('query')
  if (query === null || query === '') {
    sendInvalidRequest(res, 'The `query` query parameter can not be empty', { query: [] })
    return undefined
  }
  const raw = params.get('max_results')
  const max = Number(raw ?? '10')
  if (!Number.isInteger(max) || max < 10 || max > 100) {
    sendInvalidRequest(res, `The \`max_results\` query parameter value [${String(raw)}] is not between 10 and 100`, { max_results: [String(raw)] })
    return undefined
  }
  return { sel, max, since: bigOrUndefined(params.get('since_id')), until: bigOrUndefined(params.get('until_id')), token: bigOrUndefined(params.get('next_token')) }
}

function bigOrUndefined(value: string | null): bigint | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined
  return BigInt(value)
}
