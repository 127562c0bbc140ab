// A UTC subset of java.text.SimpleDateFormat, for TimestampRouter and TimestampConverter.

type Token = { readonly letter: string; readonly count: number } | { readonly literal: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i] ?? ''
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1)
      const text = pattern.slice(i + 1, end < 0 ? pattern.length : end)
      tokens.push({ literal: text === '' ? "'" : text })
      i = end < 0 ? pattern.length : end + 1
    } else if (/[a-zA-Z]/.test(c)) {
      let j = i
      while (pattern[j] === c) j++
      tokens.push({ letter: c, count: j - i })
      i = j
    } else {
      tokens.push({ literal: c })
      i++
    }
  }
  return tokens
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

function text(names: readonly string[], index: number, count: number): string {
  const name = names[index] ?? ''
  return count >= 4 ? name : name.slice(0, 3)
}

function field(letter: string, count: number, d: Date): string {
  switch (letter) {
    case 'y': case 'u': return count === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), count)
    case 'M': return count >= 3 ? text(MONTHS, d.getUTCMonth(), count) : pad(d.getUTCMonth() + 1, count)
    case 'd': return pad(d.getUTCDate(), count)
    case 'H': return pad(d.getUTCHours(), count)
    case 'h': return pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12, count)
    case 'm': return pad(d.getUTCMinutes(), count)
    case 's': return pad(d.getUTCSeconds(), count)
    case 'S': return pad(d.getUTCMilliseconds(), count)
    case 'E': return text(DAYS, d.getUTCDay(), count)
    case 'a': return d.getUTCHours() < 12 ? 'AM' : 'PM'
    case 'Z': return '+0000'
    case 'X': return 'Z'
    case 'z': return count >= 4 ? 'Coordinated Universal Time' : 'UTC'
    default: throw new Error(`Illegal pattern character '${letter}'`)
  }
}

/** Formats epoch milliseconds with a SimpleDateFormat pattern, in UTC. */
export function formatJavaDate(pattern: string, epochMillis: number): string {
  const d = new Date(epochMillis)
  return tokenize(pattern).map((t) => ('literal' in t ? t.literal : field(t.letter, t.count, d))).join('')
}

/** Parses text with a numeric SimpleDateFormat pattern (y M d H m s S, literals, Z/X as UTC) into epoch ms. */
export function parseJavaDate(pattern: string, input: string): number {
  const parts = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 }
  let pos = 0
  for (const t of tokenize(pattern)) {
    if ('literal' in t) {
      if (!input.startsWith(t.literal, pos)) throw new Error(`Unparseable date: "${input}"`)
      pos += t.literal.length
      continue
    }
    if (t.letter === 'Z' || t.letter === 'X') {
      const m = /^(Z|[+-]00:?00)/.exec(input.slice(pos))
      if (m === null) throw new Error(`Unparseable date: "${input}"`)
      pos += m[0].length
      continue
    }
    const m = /^\d+/.exec(input.slice(pos, t.count > 1 ? pos + t.count : undefined))
    if (m === null || !(t.letter in parts)) throw new Error(`Unparseable date: "${input}"`)
    parts[t.letter as keyof typeof parts] = Number(m[0])
    pos += m[0].length
  }
  return Date.UTC(parts.y, parts.M - 1, parts.d, parts.H, parts.m, parts.s, parts.S)
}
