import { timingSafeEqual } from 'node:crypto'

/** Optional authentication of REST requests: a bearer token or HTTP basic credentials. */
export type ApiAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly user: string; readonly password: string }

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * True when the `Authorization` header carries the expected credentials (always true without
 * auth). The scheme is case-insensitive (RFC 7235: `bearer`, `BEARER` and `Bearer` are one scheme).
 */
export function isAuthorized(auth: ApiAuth | undefined, header: string | undefined): boolean {
  if (auth === undefined) return true
  const match = header === undefined ? null : /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +(.*)$/.exec(header.trim())
  if (match === null) return false
  const scheme = (match[1] ?? '').toLowerCase()
  const credentials = match[2] ?? ''
  if (auth.kind === 'bearer') return scheme === 'bearer' && same(credentials, auth.token)
  return scheme === 'basic' && same(credentials, Buffer.from(`${auth.user}:${auth.password}`).toString('base64'))
}

/** The `Authorization` header that passes `auth` (none without auth): a worker's own requests to another worker. */
export function authorizationHeader(auth: ApiAuth | undefined): Record<string, string> {
  if (auth === undefined) return {}
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token}` }
  return { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
}

/** The 401 answer's message and challenge header. */
export function unauthorized(auth: ApiAuth): { readonly message: string; readonly challenge: string } {
  return auth.kind === 'bearer'
    ? { message: 'Credentials authentication failed: a valid bearer token is required', challenge: 'Bearer realm="pipe"' }
    : { message: 'Credentials authentication failed', challenge: 'Basic realm="pipe"' }
}
