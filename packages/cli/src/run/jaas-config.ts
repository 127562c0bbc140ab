/** One login module of a `sasl.jaas.config` value. */
export interface JaasModule {
  readonly loginModule: string
  readonly flag: 'required' | 'requisite' | 'sufficient' | 'optional'
  readonly options: Readonly<Record<string, string>>
}

const FLAGS = ['required', 'requisite', 'sufficient', 'optional'] as const
const isFlag = (word: string): word is JaasModule['flag'] => (FLAGS as readonly string[]).includes(word)

type Token = { readonly kind: 'word' | 'quoted'; readonly text: string } | { readonly kind: '=' | ';' }

/** Words, `"quoted strings"` (with `\"` and `\\`), `=` and `;`, as Kafka's JaasConfig tokenizer sees them. */
function tokenize(text: string): Token[] | string {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] ?? ''
    if (/\s/.test(c)) { i++; continue }
    if (c === '=' || c === ';') { tokens.push({ kind: c }); i++; continue }
    if (c === '"') {
      let out = ''
      i++
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++
        out += text[i] ?? ''
        i++
      }
      if (i >= text.length) return 'a quoted value is not closed (missing ")'
      tokens.push({ kind: 'quoted', text: out })
      i++
      continue
    }
    const word = /^[^\s=;"]+/.exec(text.slice(i))?.[0] ?? c
    tokens.push({ kind: 'word', text: word })
    i += word.length
  }
  return tokens
}

function parseModule(tokens: Token[], at: number): { module: JaasModule; next: number } | string {
  const name = tokens[at]
  const flag = tokens[at + 1]
  if (name?.kind !== 'word') return 'expected a login module class, e.g. org.apache.kafka.common.security.plain.PlainLoginModule'
  if (flag?.kind !== 'word' || !isFlag(flag.text)) return `expected a control flag after ${name.text} (required, requisite, sufficient or optional)`
  const options: Record<string, string> = {}
  let i = at + 2
  for (;;) {
    const key = tokens[i]
    if (key?.kind === ';') return { module: { loginModule: name.text, flag: flag.text, options }, next: i + 1 }
    const eq = tokens[i + 1]
    const value = tokens[i + 2]
    if (key?.kind !== 'word' || eq?.kind !== '=' || (value?.kind !== 'word' && value?.kind !== 'quoted')) {
      return key === undefined ? "the login module does not end with ';'" : 'expected key="value" options after the control flag'
    }
    Object.defineProperty(options, key.text, { value: value.text, enumerable: true, writable: true, configurable: true })
    i += 3
  }
}

/**
 * Reads a `sasl.jaas.config` value as Kafka's JaasConfig does: `<LoginModule> <flag> key="value"...;`,
 * one or more modules. Returns the modules, or a sentence saying what is wrong (no value in it).
 *
 * @example
 * ```ts
 * parseJaasConfig('org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";')
 * // [{ loginModule: '...ScramLoginModule', flag: 'required', options: { username: 'u', password: 'p' } }]
 * ```
 */
export function parseJaasConfig(text: string): readonly JaasModule[] | string {
  const tokens = tokenize(text)
  if (typeof tokens === 'string') return tokens
  if (tokens.length === 0) return 'the value is empty'
  const modules: JaasModule[] = []
  for (let i = 0; i < tokens.length;) {
    const parsed = parseModule(tokens, i)
    if (typeof parsed === 'string') return parsed
    modules.push(parsed.module)
    i = parsed.next
  }
  return modules
}
