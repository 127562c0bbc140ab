import { readFileSync } from 'node:fs'
import type { ApiAuth } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'

/** Where the REST API listens, from Kafka Connect's `listeners` syntax (`http://127.0.0.1:8083`). */
export interface Listener {
  readonly host: string
  readonly port: number
}

function parseOne(text: string, all: string): Listener {
  const match = /^(https?):\/\/(\[[0-9a-fA-F:]+\]|[^:/]*):(\d{1,5})\/?$/i.exec(text)
  if (match === null || Number(match[3]) > 65535) {
    throw new UserError('PIPE_INVALID_OPTION', `invalid --listeners '${all}': expected http://host:port[,http://host:port...], e.g. http://127.0.0.1:8083`)
  }
  if (match[1]?.toLowerCase() === 'https') throw new UserError('PIPE_INVALID_OPTION', `invalid --listeners '${all}': https listeners are not supported yet`, 'use http:// on 127.0.0.1, behind a TLS proxy if needed')
  const host = (match[2] ?? '').replace(/^\[|\]$/g, '')
  return { host: host === '' ? '127.0.0.1' : host, port: Number(match[3]) }
}

/**
 * `--listeners http://host:port[,http://host:port...]`, Kafka Connect's `listeners` syntax: the
 * worker serves the API on every one, and the first names the worker. `http://:8083` binds
 * 127.0.0.1, as pipe never binds all interfaces unasked.
 */
export function parseListeners(text: string): readonly [Listener, ...Listener[]] {
  const [first, ...more] = text.split(',').map((part) => parseOne(part.trim(), text))
  if (first === undefined) throw new UserError('PIPE_INVALID_OPTION', `invalid --listeners '${text}': expected http://host:port`)
  return [first, ...more]
}

/** The worker's authentication options (`pipe worker --auth-token`, `--auth-token-file`, `--auth-basic`). */
export interface AuthOptions {
  readonly authToken?: string
  readonly authTokenFile?: string
  readonly authBasic?: string
}

function readTokenFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : String(error)
    throw new UserError('PIPE_INVALID_OPTION', `cannot read --auth-token-file '${path}' (${why})`, 'give a readable file that holds the token')
  }
  const token = text.trim()
  if (token === '') throw new UserError('PIPE_INVALID_OPTION', `invalid --auth-token-file '${path}': the file is empty`, 'write the token into the file')
  return token
}

/**
 * The bearer token from `--auth-token`, `--auth-token-file` (its content, trimmed) or the
 * PIPE_AUTH_TOKEN environment variable (the last two keep it out of `ps`), or basic credentials
 * from `--auth-basic user:pass`. At most one option; PIPE_AUTH_TOKEN applies when none is given.
 */
export function parseAuth(options: AuthOptions, env: Readonly<Record<string, string | undefined>> = {}): ApiAuth | undefined {
  const given = (['authToken', 'authTokenFile', 'authBasic'] as const).filter((k) => options[k] !== undefined)
  if (given.length > 1) throw new UserError('PIPE_INVALID_OPTION', 'give one of --auth-token, --auth-token-file and --auth-basic, not several')
  const { authToken: token, authTokenFile: file, authBasic: basic } = options
  if (token !== undefined) {
    if (token.trim() === '') throw new UserError('PIPE_INVALID_OPTION', 'invalid --auth-token: expected a non-empty token')
    return { kind: 'bearer', token }
  }
  if (file !== undefined) return { kind: 'bearer', token: readTokenFile(file) }
  if (basic === undefined) {
    const fromEnv = env['PIPE_AUTH_TOKEN']
    return fromEnv === undefined || fromEnv.trim() === '' ? undefined : { kind: 'bearer', token: fromEnv.trim() }
  }
  const colon = basic.indexOf(':')
  if (colon <= 0) throw new UserError('PIPE_INVALID_OPTION', 'invalid --auth-basic: expected user:password')
  return { kind: 'basic', user: basic.slice(0, colon), password: basic.slice(colon + 1) }
}
