export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What a handler sees of a request. */
export interface RestRequest {
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body; reading it throws Kafka Connect's 500 for malformed JSON. */
  body(): Promise<unknown>
}

/** What a handler answers: a status, a JSON body (none for 202/204) or a text (`/metrics`), and extra headers. */
export interface RestResponse {
  readonly status: number
  readonly body?: unknown
  readonly text?: { readonly contentType: string; readonly content: string | Buffer }
  readonly headers?: Readonly<Record<string, string>>
}

export type Handler = (request: RestRequest) => Promise<RestResponse>

export interface Route {
  readonly method: HttpMethod
  /** `/connectors/{name}/tasks/{task}`: `{x}` matches one path segment. */
  readonly path: string
  readonly handler: Handler
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Record<string, string> }
  | { readonly kind: 'not-found' | 'method-not-allowed' }

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? ''
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment
    else if (part !== segment) return undefined
  }
  return params
}

const split = (path: string): string[] => path.split('/').filter((s) => s !== '')

/** Finds the route of a method and path; path segments are URL-decoded. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let segments: string[]
  try {
    segments = split(path).map((s) => decodeURIComponent(s))
  } catch {
    return { kind: 'not-found' }
  }
  let pathMatched = false
  for (const route of routes) {
    const params = matchPath(split(route.path), segments)
    if (params === undefined) continue
    if (route.method === method) return { kind: 'found', handler: route.handler, params }
    pathMatched = true
  }
  return { kind: pathMatched ? 'method-not-allowed' : 'not-found' }
}
