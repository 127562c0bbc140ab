import { parseJsonWith } from '../converters/json-parser.js'
import { setOwn } from '../records/own-property.js'
import { badRequest, RestError, serverError } from './rest-error.js'
import { invalidConfigMessage } from '../worker/validate-config.js'

// the text of every number literal in a parsed body, by object and key: Jackson reads a number into
// a String config value as it was written (`1.0`, `1e3`, `12345678901234567890`), not as a double
const numberLiterals = new WeakMap<object, Map<string, string>>()
const BODY = { number: (literal: string): number => Number(literal), literals: numberLiterals }

/** Parses a request body as Jackson would: malformed JSON is a 500 with the parser's message; every key is an own property. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return null
  try {
    return parseJsonWith(text, BODY)
  } catch (error) {
    throw serverError(`Unexpected character in JSON body: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A flat config map: strings as given, numbers (by their literal text) and booleans coerced to
 * strings (Jackson's coercion), `null` kept (PATCH removes such keys); nested values are a 500 as in Kafka Connect.
 */
export function configMap(value: unknown, what: string): Record<string, string | null> {
  if (value === null || value === undefined) throw serverError(`Cannot read the ${what}: the request has no body`)
  if (!isJsonObject(value)) throw serverError(`Cannot deserialize the ${what} from a JSON ${Array.isArray(value) ? 'array' : typeof value}: expected an object`)
  const out: Record<string, string | null> = {}
  const literals = numberLiterals.get(value)
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string') setOwn(out, k, v)
    else if (typeof v === 'number') setOwn(out, k, literals?.get(k) ?? String(v))
    else if (typeof v === 'boolean') setOwn(out, k, String(v))
    else throw serverError(`Cannot deserialize value of type \`java.lang.String\` from ${Array.isArray(v) ? 'Array' : 'Object'} value (config key "${k}")`)
  }
  return out
}

/** A config to write: a `null` value is a validation error, as Kafka Connect reports it. */
export function nonNullConfig(config: Readonly<Record<string, string | null>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) {
    if (v === null) throw badRequest(invalidConfigMessage(['Null value can not be supplied as the configuration value.']))
    setOwn(out, k, v)
  }
  return out
}

export const unsupportedMediaType = (): RestError => new RestError(415, 'HTTP 415 Unsupported Media Type')
