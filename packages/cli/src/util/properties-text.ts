/** One `key=value` entry of a Java `.properties` text, with the line it starts on (1-based). */
export interface PropertyLine {
  readonly key: string
  readonly value: string
  readonly line: number
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' }

/** Java's escapes in keys and values: `\t`, `\n`, `\uXXXX`, and `\x` for any other x (`\=`, `\:`, `\ `, `\\`). */
function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : ESCAPES[c] ?? c))
}

/** True when the line ends with an odd number of backslashes: it continues on the next line. */
const continues = (line: string): boolean => (/\\+$/.exec(line)?.[0].length ?? 0) % 2 === 1

/** Splits a logical line at the first unescaped `=`, `:` or white space, as `java.util.Properties.load` does. */
function splitEntry(text: string): { key: string; value: string } {
  let i = 0
  while (i < text.length) {
    const c = text[i] ?? ''
    if (c === '\\') { i += 2; continue }
    if (c === '=' || c === ':' || /\s/.test(c)) break
    i++
  }
  const key = text.slice(0, i)
  let rest = text.slice(i).replace(/^[ \t\f]*/, '')
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '')
  return { key: unescape(key), value: unescape(rest) }
}

/**
 * Reads a Java `.properties` text as `java.util.Properties.load` does: `key=value`, `key: value` or
 * `key value`; `#` and `!` comments; a trailing `\` continues a line; Java's escapes. Each entry
 * keeps the line it starts on, so that a bad value can be reported as `file:line`.
 *
 * @example
 * ```ts
 * parsePropertiesText('a=1\n# note\nb: two \\\n  lines') // [{ key: 'a', value: '1', line: 1 }, { key: 'b', value: 'two lines', line: 3 }]
 * ```
 */
export function parsePropertiesText(text: string): PropertyLine[] {
  const lines = text.split(/\r\n|\r|\n/)
  const out: PropertyLine[] = []
  for (let i = 0; i < lines.length; i++) {
    const start = i
    const first = (lines[i] ?? '').replace(/^[ \t\f]+/, '')
    if (first === '' || first.startsWith('#') || first.startsWith('!')) continue
    let logical = first
    while (continues(logical) && i + 1 < lines.length) {
      i++
      logical = logical.slice(0, -1) + (lines[i] ?? '').replace(/^[ \t\f]+/, '')
    }
    if (continues(logical)) logical = logical.slice(0, -1)
    out.push({ ...splitEntry(logical), line: start + 1 })
  }
  return out
}
