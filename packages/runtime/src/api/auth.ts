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

/** True when the `Authorization` header carries the expected credentials (always true without auth). */
export function isAuthorized(auth: ApiAuth | undefined, header: string | undefined): boolean {
  if (auth === undefined) return true
  if (header === undefined) return false
  if (auth.kind === 'bearer') return same(header, `Bearer ${auth.token}`)
  const expected = Buffer.from(`${auth.user}:${auth.password}`).toString('base64')
  return same(header, `Basic ${expected}`)
}

/** The 401 answer's message and challenge header. */
export function unauthorized(auth: ApiAuth): { readonly message: string; readonly challenge: string } {
  return auth.kind === 'bearer'
    ? { message: 'Credentials authentication failed: a valid bearer token is required', challenge: 'Bearer realm="pipe"' }
    : { message: 'Credentials authentication failed', challenge: 'Basic realm="pipe"' }
}
