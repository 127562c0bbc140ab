import { ConfigException } from './kafka-exceptions.js'

/** A Java regex used with `Matcher.matches()`: anchored to the whole input. */
export function javaRegex(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`)
  } catch (error) {
    throw new ConfigException(`Invalid regex: ${pattern}`, { cause: error })
  }
}

/** A Java replacement string (`$1`, `${name}`, `\$` escapes) in JavaScript's `String.replace` syntax. */
export function javaReplacement(replacement: string): string {
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] ?? ''
    if (c === '\\') {
      const next = replacement[++i] ?? ''
      out += next === '$' ? '$$' : next
    } else if (c === '$' && replacement[i + 1] === '{') {
      const end = replacement.indexOf('}', i)
      out += `$<${replacement.slice(i + 2, end)}>`
      i = end
    } else out += c
  }
  return out
}
