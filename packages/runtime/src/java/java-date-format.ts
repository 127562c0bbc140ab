// A UTC subset of java.text.SimpleDateFormat, for TimestampRouter and TimestampConverter.

type Token = { readonly letter: string; readonly count: number } | { readonly literal: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** SimpleDateFormat's pattern letters; any other unquoted ASCII letter is illegal. */
const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX'

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i] ?? ''
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" })
        i += 2
        continue
      }
      // a quoted run; '' inside it is one quote
      let text = ''
      let j = i + 1
      for (;;) {
        if (j >= pattern.length) throw new Error('Unterminated quote')
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'"
            j += 2
            continue
          }
          break
        }
        text += pattern[j] ?? ''
        j++
      }
      tokens.push({ literal: text })
      i = j + 1
    } else if (/[a-zA-Z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw new Error(`Illegal pattern character '${c}'`)
      if (c === 'X' && pattern.startsWith('XXXX', i)) throw new Error('invalid ISO 8601 format: length=4')
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

/** Java's US week rules (Sunday first, one day makes a week): week of the year, and the week-based year. */
function weekOfYear(d: Date): { week: number; year: number } {
  const year = d.getUTCFullYear()
  const dayOfYear = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000)
  const nextJan1 = new Date(Date.UTC(year + 1, 0, 1))
  const daysToNextJan1 = Math.floor((nextJan1.getTime() - d.getTime()) / 86_400_000)
  // the week (Sunday..Saturday) holding next January 1st is week 1 of the next year
  if (daysToNextJan1 <= 6 - d.getUTCDay() && daysToNextJan1 >= 0) return { week: 1, year: year + 1 }
  const jan1Day = new Date(Date.UTC(year, 0, 1)).getUTCDay()
  return { week: Math.floor((dayOfYear + jan1Day) / 7) + 1, year }
}

function numberField(n: number, count: number): string {
  return pad(n, count)
}

function yearField(year: number, count: number): string {
  return count === 2 ? pad(year % 100, 2) : pad(year, count)
}

function field(letter: string, count: number, d: Date): string {
  const hours = d.getUTCHours()
  switch (letter) {
    case 'G': return d.getUTCFullYear() > 0 ? 'AD' : 'BC'
    case 'y': return yearField(d.getUTCFullYear(), count)
    case 'Y': return yearField(weekOfYear(d).year, count)
    case 'M': case 'L': return count >= 3 ? text(MONTHS, d.getUTCMonth(), count) : numberField(d.getUTCMonth() + 1, count)
    case 'w': return numberField(weekOfYear(d).week, count)
    case 'W': return numberField(Math.floor((d.getUTCDate() - 1 + new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).getUTCDay()) / 7) + 1, count)
    case 'D': return numberField(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, count)
    case 'd': return numberField(d.getUTCDate(), count)
    case 'F': return numberField(Math.floor((d.getUTCDate() - 1) / 7) + 1, count)
    case 'E': return text(DAYS, d.getUTCDay(), count)
    case 'u': return numberField(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), count)
    case 'a': return hours < 12 ? 'AM' : 'PM'
    case 'H': return numberField(hours, count)
    case 'k': return numberField(hours === 0 ? 24 : hours, count)
    case 'K': return numberField(hours % 12, count)
    case 'h': return numberField(hours % 12 === 0 ? 12 : hours % 12, count)
    case 'm': return numberField(d.getUTCMinutes(), count)
    case 's': return numberField(d.getUTCSeconds(), count)
    case 'S': return numberField(d.getUTCMilliseconds(), count)
    case 'Z': return '+0000'
    case 'X': return 'Z'
    case 'z': return count >= 4 ? 'Coordinated Universal Time' : 'UTC'
    default: throw new Error(`Illegal pattern character '${letter}'`)
  }
}

/** Checks a SimpleDateFormat pattern as its constructor does; throws Java's IllegalArgumentException message. */
export function checkJavaDatePattern(pattern: string): void {
  tokenize(pattern)
}

/** Formats epoch milliseconds with a SimpleDateFormat pattern, in UTC. */
export function formatJavaDate(pattern: string, epochMillis: number): string {
  const d = new Date(epochMillis)
  return tokenize(pattern).map((t) => ('literal' in t ? t.literal : field(t.letter, t.count, d))).join('')
}

/** SimpleDateFormat's two-digit year: within 80 years before and 20 after now. */
function twoDigitYear(yy: number): number {
  const start = new Date().getUTCFullYear() - 80
  const year = Math.floor(start / 100) * 100 + yy
  return yy < start % 100 ? year + 100 : year
}

/**
 * Parses text with a SimpleDateFormat pattern in UTC, leniently (out-of-range fields roll over):
 * numeric fields (y M d H h k K m s S), month names (MMM, MMMM), day names (E, skipped), AM/PM,
 * Z/X as UTC. A numeric field reads exactly its letter count only when another field follows it
 * directly ("abutting", as yyyyMMdd), else every digit there (S of "ss.S" reads "1234" as 1234 ms).
 */
export function parseJavaDate(pattern: string, input: string): number {
  const parts = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 }
  let hour12: number | undefined
  let pm = false
  const tokens = tokenize(pattern)
  let pos = 0
  const fail = (): never => {
    throw new Error(`Unparseable date: "${input}"`)
  }
  for (const [i, t] of tokens.entries()) {
    if ('literal' in t) {
      if (!input.startsWith(t.literal, pos)) fail()
      pos += t.literal.length
      continue
    }
    const rest = input.slice(pos)
    if (t.letter === 'Z' || t.letter === 'X' || t.letter === 'z') {
      const m = /^(Z|UTC|GMT|[+-]00:?00)/.exec(rest) ?? fail()
      pos += m[0].length
      continue
    }
    if ((t.letter === 'M' || t.letter === 'L') && t.count >= 3) {
      const index = MONTHS.findIndex((name) => rest.toLowerCase().startsWith(name.toLowerCase()))
      const short = MONTHS.findIndex((name) => rest.toLowerCase().startsWith(name.slice(0, 3).toLowerCase()))
      if (index < 0 && short < 0) fail()
      parts.M = (index >= 0 ? index : short) + 1
      pos += index >= 0 ? (MONTHS[index] ?? '').length : 3
      continue
    }
    if (t.letter === 'E') {
      const day = DAYS.find((name) => rest.toLowerCase().startsWith(name.toLowerCase())) ?? DAYS.find((name) => rest.toLowerCase().startsWith(name.slice(0, 3).toLowerCase()))
      if (day === undefined) fail()
      pos += rest.toLowerCase().startsWith((day ?? '').toLowerCase()) ? (day ?? '').length : 3
      continue
    }
    if (t.letter === 'a') {
      const m = /^(AM|PM)/i.exec(rest) ?? fail()
      pm = m[0].toUpperCase() === 'PM'
      pos += 2
      continue
    }
    const next = tokens[i + 1]
    const abutting = next !== undefined && !('literal' in next)
    const m = /^\d+/.exec(abutting ? rest.slice(0, t.count) : rest) ?? fail()
    const n = Number(m[0])
    pos += m[0].length
    switch (t.letter) {
      case 'y': parts.y = t.count <= 2 && m[0].length === 2 ? twoDigitYear(n) : n; break
      case 'h': case 'K': hour12 = n % 12; break
      case 'k': parts.H = n === 24 ? 0 : n; break
      case 'M': case 'd': case 'H': case 'm': case 's': case 'S': parts[t.letter] = n; break
      default: fail()
    }
  }
  const hours = hour12 === undefined ? parts.H : hour12 + (pm ? 12 : 0)
  const date = new Date(0)
  date.setUTCFullYear(parts.y, parts.M - 1, parts.d)
  date.setUTCHours(hours, parts.m, parts.s, parts.S)
  return date.getTime()
}
