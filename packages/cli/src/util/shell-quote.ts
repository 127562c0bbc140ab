const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/**
 * One argument as a POSIX shell reads it back: unchanged when it has only safe characters, else in
 * single quotes (a `'` inside becomes `'\''`). For commands pipe prints for users to copy.
 *
 * @example
 * ```ts
 * shellQuote("my dir's") // 'my dir'\''s'
 * ```
 */
export function shellQuote(arg: string): string {
  return SAFE.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`
}
