/**
 * A reference to a secret, resolved by Kafka Connect config providers (or pipe's worker), never by
 * the compiler. Plain JSON, so it travels in the IR as is.
 *
 * @example
 * ```ts
 * const token: Secret = env('TWITTER_BEARER_TOKEN') // { kind: 'secret', provider: 'env', key: '...' }
 * ```
 */
export interface Secret {
  readonly kind: 'secret'
  /** Config provider name as Kafka Connect names it: `env`, `file`, `dir`, or a custom one. */
  readonly provider: string
  readonly path?: string
  readonly key: string
}

/**
 * Whether a value is a {@link Secret} (also after a JSON round trip).
 *
 * @example
 * ```ts
 * isSecret(env('X')) // true
 * ```
 */
export function isSecret(value: unknown): value is Secret {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return v['kind'] === 'secret' && typeof v['provider'] === 'string' && typeof v['key'] === 'string'
}

/**
 * The config-provider placeholder of a secret.
 *
 * @example
 * ```ts
 * secretPlaceholder(env('TOKEN')) // '${env:TOKEN}'
 * ```
 */
export function secretPlaceholder(s: Secret): string {
  return s.path === undefined ? `\${${s.provider}:${s.key}}` : `\${${s.provider}:${s.path}:${s.key}}`
}

const PLACEHOLDER = /^\$\{[A-Za-z0-9_.-]+:[^}]*\}$/

/**
 * Whether a config value is exactly one config-provider placeholder (`${provider:key}` or
 * `${provider:path:key}`), as {@link secretPlaceholder} writes it.
 *
 * @example
 * ```ts
 * isSecretPlaceholder('${env:PG_PASSWORD}') // true
 * isSecretPlaceholder('hunter2') // false
 * ```
 */
export function isSecretPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value)
}
