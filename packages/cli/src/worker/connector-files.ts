import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { parseJsonWith, setOwn } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'

/** A connector from a file named on `pipe worker`'s command line (as connect-standalone reads them). */
export interface ConnectorFile {
  readonly file: string
  readonly name: string
  readonly config: Readonly<Record<string, string>>
  readonly initialState?: 'RUNNING' | 'PAUSED' | 'STOPPED'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' }

/** Java's `loadConvert`: `\\uXXXX`, `\\t` `\\n` `\\r` `\\f`, and `\\x` for any other x is x. */
const unescape = (text: string): string =>
  text.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_m, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : ESCAPES[c] ?? c))

/** Java's logical lines: a line ending in an odd number of backslashes goes on with the next one, minus its leading whitespace. */
function logicalLines(text: string): string[] {
  const out: string[] = []
  let pending: string | undefined
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = pending === undefined ? raw.replace(/^[ \t\f]+/, '') : pending + raw.replace(/^[ \t\f]+/, '')
    if (pending === undefined && (line === '' || line.startsWith('#') || line.startsWith('!'))) continue
    const slashes = /\\*$/.exec(line)?.[0].length ?? 0
    if (slashes % 2 === 1) pending = line.slice(0, -1)
    else {
      out.push(line)
      pending = undefined
    }
  }
  if (pending !== undefined) out.push(pending)
  return out
}

/**
 * Java `.properties` as `Properties.load` reads them (connect-standalone's files): `key=value`,
 * `key: value` or `key value`, `#`/`!` comments, `\\` line continuations, `\\` escapes (`\\:`, `\\=`,
 * `\\uXXXX`, ...); the value's leading whitespace is skipped, its trailing whitespace kept.
 */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of logicalLines(text)) {
    // the key ends at the first unescaped '=', ':' or whitespace
    const end = /^(?:\\[\s\S]|[^=:\s\\])*/.exec(line)?.[0].length ?? 0
    const rest = line.slice(end).replace(/^[ \t\f]*[=:]?[ \t\f]*/, '')
    setOwn(out, unescape(line.slice(0, end)), unescape(rest))
  }
  return out
}

// number literals by object and key: connect-standalone (Jackson) reads `1.0` into a config value as "1.0"
const literals = new WeakMap<object, Map<string, string>>()
const FILE_JSON = { number: (literal: string): number => Number(literal), literals }

function strings(value: Record<string, unknown>, file: string): Record<string, string> {
  const out: Record<string, string> = {}
  const texts = literals.get(value)
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') setOwn(out, k, v)
    else if (typeof v === 'number') setOwn(out, k, texts?.get(k) ?? String(v))
    else if (typeof v === 'boolean') setOwn(out, k, String(v))
    else throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${file}: config key '${k}' must be a string`)
  }
  return out
}

function fromJson(file: string, json: unknown): ConnectorFile {
  if (!isObject(json)) throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${file}: expected a JSON object (a POST /connectors body or a flat config)`)
  if (!isObject(json['config'])) {
    const config = strings(json, file)
    return { file, name: config['name'] ?? '', config }
  }
  const config = strings(json['config'], file)
  const name = typeof json['name'] === 'string' ? json['name'] : config['name'] ?? ''
  const state = typeof json['initial_state'] === 'string' ? json['initial_state'].toUpperCase() : undefined
  if (state === undefined) return { file, name, config }
  if (state !== 'RUNNING' && state !== 'PAUSED' && state !== 'STOPPED') {
    throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${file}: invalid initial_state '${state}': expected RUNNING, PAUSED or STOPPED`)
  }
  return { file, name, config, initialState: state }
}

/** Reads a `.json` or `.properties` connector file; its connector needs a name. */
export async function readConnectorFile(file: string): Promise<ConnectorFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UserError('PIPE_FILE_NOT_FOUND', `cannot read connector file '${file}'`)
  }
  let parsed: ConnectorFile
  if (extname(file) === '.json') {
    try {
      parsed = fromJson(file, parseJsonWith(text, FILE_JSON))
    } catch (error) {
      if (UserError.is(error)) throw error
      throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`)
    }
  } else {
    const config = parseProperties(text)
    parsed = { file, name: config['name'] ?? '', config }
  }
  if (parsed.name.trim() === '') throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${basename(file)}: the connector has no name`, "add name=<connector name>")
  return parsed
}
