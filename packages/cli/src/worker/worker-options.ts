import type { ApiAuth } from '@pipe/runtime'
import { UserError } from '../run/user-error.js'

/** Where the REST API listens, from Kafka Connect's `listeners` syntax (`http://127.0.0.1:8083`). */
export interface Listener {
  readonly host: string
  readonly port: number
}

/** `--listeners http://host:port` (one listener; `http://:8083` binds 127.0.0.1, as pipe never binds all interfaces unasked). */
export function parseListener(text: string): Listener {
  const first = text.split(',')[0]?.trim() ?? ''
  const match = /^(https?):\/\/(\[[0-9a-fA-F:]+\]|[^:/]*):(\d{1,5})\/?$/.exec(first)
  if (match === null || Number(match[3]) > 65535) {
    throw new UserError('PIPE_INVALID_OPTION', `invalid --listeners '${text}': expected http://host:port, e.g. http://127.0.0.1:8083`)
  }
  if (match[1] === 'https') throw new UserError('PIPE_INVALID_OPTION', `invalid --listeners '${text}': https listeners are not supported yet`, 'use http:// on 127.0.0.1, behind a TLS proxy if needed')
  const host = (match[2] ?? '').replace(/^\[|\]$/g, '')
  return { host: host === '' ? '127.0.0.1' : host, port: Number(match[3]) }
}

/** `--auth-token TOKEN` or `--auth-basic user:pass` (at most one). */
export function parseAuth(token: string | undefined, basic: string | undefined): ApiAuth | undefined {
  if (token !== undefined && basic !== undefined) throw new UserError('PIPE_INVALID_OPTION', 'give either --auth-token or --auth-basic, not both')
  if (token !== undefined) {
    if (token.trim() === '') throw new UserError('PIPE_INVALID_OPTION', 'invalid --auth-token: expected a non-empty token')
    return { kind: 'bearer', token }
  }
  if (basic === undefined) return undefined
  const colon = basic.indexOf(':')
  if (colon <= 0) throw new UserError('PIPE_INVALID_OPTION', 'invalid --auth-basic: expected user:password')
  return { kind: 'basic', user: basic.slice(0, colon), password: basic.slice(colon + 1) }
}
