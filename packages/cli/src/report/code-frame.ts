const CONTEXT_BEFORE = 1
const CONTEXT_AFTER = 1

/** How many characters to underline at `column`: the identifier or string starting there, else 1. */
function markLength(text: string, column: number): number {
  const rest = text.slice(column - 1)
  const token = /^(?:[\w$]+|'[^']*'|"[^"]*"|`[^`]*`)/.exec(rest)
  return Math.max(1, token?.[0].length ?? 1)
}

/**
 * A tsc/Babel-style frame: the line before, the line, a caret under the column, the line after.
 * Tabs are kept so the caret lines up with the source as the terminal shows it. With `mask`
 * (a literal secret is reported), string literals are starred out so the frame never prints it; given
 * line numbers, only on those lines (where another diagnostic reported a literal secret).
 */
/** A line with the contents of its string literals starred out (same length, so the caret still lines up). */
export function maskStrings(text: string): string {
  return text.replace(/(['"`])((?:\\.|(?!\1)[^\\])*)\1/g, (_match, quote: string, body: string) => `${quote}${'*'.repeat(body.length)}${quote}`)
}

export function codeFrame(lines: readonly string[], line: number, column: number, mask: boolean | ReadonlySet<number> = false): string {
  const first = Math.max(1, line - CONTEXT_BEFORE)
  const last = Math.min(lines.length, line + CONTEXT_AFTER)
  const width = String(last).length
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const text = mask === true || (mask !== false && mask.has(n)) ? maskStrings(lines[n - 1] ?? '') : (lines[n - 1] ?? '')
    if (n !== line && text.trim() === '') continue
    out.push(`  ${String(n).padStart(width)} | ${text}`)
    if (n === line) {
      const col = Math.min(Math.max(1, column), text.length + 1)
      const pad = text.slice(0, col - 1).replace(/[^\t]/g, ' ')
      out.push(`  ${' '.repeat(width)} | ${pad}${'^'.repeat(markLength(text, col))}`)
    }
  }
  return out.join('\n')
}
