import type { Secret } from '../ir/secret.js'

/**
 * A secret read from an environment variable of the worker; compiles to `${env:VAR}`.
 *
 * @example
 * ```ts
 * twitter({ bearerToken: env('TWITTER_BEARER_TOKEN') })
 * ```
 */
export function env(variable: string): Secret {
  return Object.freeze({ kind: 'secret', provider: 'env', key: variable })
}

/**
 * A secret read through a config provider; compiles to `${provider:path:key}`.
 *
 * @example
 * ```ts
 * jdbc({ password: secret('file', '/etc/pipe/db.properties', 'password'), ... })
 * // -> ${file:/etc/pipe/db.properties:password}
 * ```
 */
export function secret(provider: string, path: string, key: string): Secret {
  return Object.freeze({ kind: 'secret', provider, path, key })
}
