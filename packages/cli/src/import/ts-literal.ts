/**
 * A TypeScript single-quoted string literal of a text.
 *
 * @example
 * ```ts
 * quote("it's") // "'it\\'s'"
 * ```
 */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9_.-]+):(?:([^}:]*):)?([^}]*)\}$/

/**
 * The `env()`/`secret()` call of a config-provider placeholder, or undefined for any other value.
 *
 * @example
 * ```ts
 * placeholderCall('${env:PG_PASSWORD}') // "env('PG_PASSWORD')"
 * ```
 */
export function placeholderCall(value: string): string | undefined {
  const match = PLACEHOLDER.exec(value)
  if (match === null) return undefined
  const [, provider = '', path, key = ''] = match
  if (provider === 'env' && path === undefined) return `env(${quote(key)})`
  if (path === undefined) return undefined
  return `secret(${quote(provider)}, ${quote(path)}, ${quote(key)})`
}
