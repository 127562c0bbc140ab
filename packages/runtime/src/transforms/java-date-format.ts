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
