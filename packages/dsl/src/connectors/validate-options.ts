import { isSecret } from '../ir/secret.js'
import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../ir/json.js'
import type { ConnectorDefinition } from './define-connector.js'
import type { AnyField } from './field.js'

/**
 * Where the options come from, for messages.
 *
 * @example
 * ```ts
 * validateOptions(def, options, { location: node.loc, pipeline: 'p', connector: 'p-sink' })
 * ```
 */
export interface OptionsContext {
  readonly location: SourceLocation | undefined
  readonly pipeline: string
  readonly connector: string
}

type Problem = { readonly code: 'PIPE_INVALID_OPTION' | 'PIPE_LITERAL_SECRET'; readonly message: string; readonly hint: string }

const TYPE_NAMES: Record<AnyField['kind'], string> = {
  string: 'a string', int: 'an integer', bool: 'a boolean', enum: 'one of the listed values',
  list: 'an array of strings', secret: "env('VAR') or secret(provider, path, key)", mapping: 'an object of strings',
}

function envName(label: string, option: string): string {
  return `${label}_${option}`.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()
}

function checkValue(spec: AnyField, value: JsonValue, option: string, label: string): Problem | undefined {
  const invalid = (expected: string): Problem => ({
    code: 'PIPE_INVALID_OPTION',
    message: `option '${option}' of ${label} must be ${expected} (got ${JSON.stringify(value)})`,
    hint: spec.doc,
  })
  switch (spec.kind) {
    case 'string': return typeof value === 'string' || isSecret(value) ? undefined : invalid(TYPE_NAMES.string)
    case 'bool': return typeof value === 'boolean' ? undefined : invalid(TYPE_NAMES.bool)
    case 'list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return invalid(TYPE_NAMES.list)
      // lists compile comma-separated, as Kafka Connect's LIST type reads them, unless JSON-encoded
      return spec.encoding !== 'json' && value.some((v) => v.includes(',')) ? invalid('a list of strings without commas') : undefined
    case 'mapping':
      return isJsonObject(value) && Object.keys(value).length > 0 && Object.values(value).every((v) => typeof v === 'string') ? undefined : invalid('a non-empty object of strings')
    case 'enum': {
      const values = spec.values ?? []
      return typeof value === 'string' && values.includes(value) ? undefined : invalid(`one of '${values.join("' | '")}'`)
    }
    case 'int': {
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= (spec.min ?? -Infinity) && value <= (spec.max ?? Infinity)
      const range = spec.min === undefined && spec.max === undefined ? '' : ` in [${String(spec.min ?? '-∞')}, ${String(spec.max ?? '∞')}]`
      return ok ? undefined : invalid(`an integer${range}`)
    }
    case 'secret':
      if (isSecret(value)) return undefined
      if (typeof value !== 'string') return invalid(TYPE_NAMES.secret)
      // never echo the value: it is a secret
      return {
        code: 'PIPE_LITERAL_SECRET',
        message: `option '${option}' of ${label} is a password and is given as a literal string`,
        hint: `use env('${envName(label, option)}') or secret('file', '/path/to/file.properties', '${option}'); a literal would be stored in plain text in the connector config`,
      }
  }
}

/**
 * Validates connector options against the definition's fields: required, types, ranges, enums,
 * unknown options, and literal values for password-typed options (PIPE_LITERAL_SECRET).
 *
 * @example
 * ```ts
 * validateOptions(jdbcSinkDefinition, { url: 'jdbc:...', username: 'a', password: 'hunter2' }, ctx)
 * // [{ code: 'PIPE_LITERAL_SECRET', ... }]
 * ```
 */
export function validateOptions(definition: ConnectorDefinition, options: JsonObject, context: OptionsContext): Diagnostic[] {
  const label = `${definition.name} ${definition.role}`
  const at = { location: context.location, pipeline: context.pipeline, connector: context.connector }
  const out: Diagnostic[] = []
  for (const [option, spec] of Object.entries(definition.fields)) {
    const value = options[option]
    if (value === undefined) {
      if (spec.required) {
        out.push(diagnostic({ code: 'PIPE_MISSING_OPTION', message: `${label} is missing required option '${option}'`, hint: `add ${option}: <${spec.kind}> (${spec.doc})`, ...at }))
      }
      continue
    }
    const problem = checkValue(spec, value, option, label)
    if (problem !== undefined) out.push(diagnostic({ ...problem, ...at }))
  }
  for (const problem of definition.check?.(options) ?? []) out.push(diagnostic({ ...problem, ...at }))
  const known = Object.keys(definition.fields)
  for (const option of Object.keys(options).filter((o) => !known.includes(o))) {
    out.push(diagnostic({ code: 'PIPE_UNKNOWN_OPTION', message: `${label} has no option '${option}'`, hint: known.length === 0 ? 'it takes no options' : `valid options: ${known.join(', ')}`, ...at }))
  }
  return out
}
