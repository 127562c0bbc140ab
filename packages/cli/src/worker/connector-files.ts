import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { parseJsonWith, setOwn } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import { parsePropertiesText } from '../util/properties-text.js'

/** A connector from a file named on `pipe worker`'s command line (as connect-standalone reads them). */
export interface ConnectorFile {
  readonly file: string
  readonly name: string
  readonly config: Readonly<Record<string, string>>
  readonly initialState?: 'RUNNING' | 'PAUSED' | 'STOPPED'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Java `.properties` as `java.util.Properties.load` reads it (the last of a repeated key wins). */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { key, value } of parsePropertiesText(text)) setOwn(out, key, value)
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
