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

/**
 * A config value (always a string in Kafka Connect) as the literal of a field of that kind: a number
 * for int/double, a boolean, an array for a list, else a string.
 *
 * @example
 * ```ts
 * typedLiteral('5432', 'int') // '5432'
 * typedLiteral('a,b', 'list') // "['a', 'b']"
 * ```
 */
export function typedLiteral(value: string, kind: string | undefined): string {
  if ((kind === 'int' || kind === 'double') && value.trim() !== '' && Number.isFinite(Number(value))) return String(Number(value))
  if (kind === 'bool' && (value === 'true' || value === 'false')) return value
  if (kind === 'list') return `[${value.split(',').map((s) => s.trim()).filter((s) => s !== '').map(quote).join(', ')}]`
  return quote(value)
}
