import { isSecret } from '../ir/secret.js'
import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../ir/json.js'
import type { ConnectorDefinition, UnknownKeys } from './define-connector.js'
import type { PluginDefinition } from './define-transform.js'
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
  /** The connector's name; absent for a step's options. */
  readonly connector?: string | undefined
}

type Problem = { readonly code: 'PIPE_INVALID_OPTION' | 'PIPE_LITERAL_SECRET'; readonly message: string; readonly hint: string }

const TYPE_NAMES: Record<AnyField['kind'], string> = {
  string: 'a string', int: 'an integer', double: 'a number', bool: 'a boolean', enum: 'one of the listed values',
  list: 'an array of strings', class: 'a Java class name', secret: "env('VAR') or secret(provider, path, key)",
  mapping: 'an object of strings',
}

/** Keys pipe writes itself: a definition that keeps unknown keys may not set them. */
const RESERVED_KEY = /^(?:connector\.class|name|tasks\.max|topics?|topics\.regex|transforms(?:\..*)?|predicates(?:\..*)?|(?:key|value|header)\.converter|pipe\.pipeline)$/
const RESERVED_HINT: Readonly<Record<string, string>> = {
  'connector.class': 'the class is the first argument of kafkaConnect(className, config)',
  name: "name the connector with the settings: source(c, { name: 'x' }) / .sink(c, { name: 'x' })",
  'tasks.max': 'set tasksMax in the settings: source(c, { tasksMax: 2 })',
  transforms: 'add steps to the stream (.replaceField(), .transform(kafkaConnectTransform(...)), ...) instead',
  predicates: 'use .dropIf/.keepIf/.when with a predicate (kafkaConnectPredicate(...)) instead',
  topic: 'the topic comes from .to(topic(...)) / topic(...).sink(...)',
  converter: "declare the topic's format: topic('t', { format: 'json-schema' })",
  'pipe.pipeline': 'pipe writes this owner marker itself',
}

const SECRET_WORD = /(?:password|passwd|secret|token|credentials?|api[._-]?key|private[._-]?key|jaas\.config)(?:$|[._-])/i
/** Keys that name a secret word but hold no secret: `oauth.token.endpoint.uri`, `password.file`, ... */
const NOT_SECRET_TAIL = /[._-](?:url|uri|endpoint|file|path|location|type|enabled?|mode|class|provider|id|name|ms|size|format)$/i

/**
 * Whether a key name looks like it holds a secret (Kafka Connect's PASSWORD keys are usually named
 * so): a literal value for it is PIPE_LITERAL_SECRET where the key has no typed field.
 *
 * @example
 * ```ts
 * looksLikeSecretKey('aws.secret.access.key') // true
 * looksLikeSecretKey('oauth.token.endpoint.uri') // false
 * ```
 */
export function looksLikeSecretKey(key: string): boolean {
  return SECRET_WORD.test(key) && !NOT_SECRET_TAIL.test(key)
}

/** Kafka's ConfigTransformer placeholder: `${provider:[path:]key}`. */
const PLACEHOLDER = /\$\{([^}]*?):(?:([^}]*?):)?([^}]*?)\}/g

function reservedHint(key: string): string {
  if (key.startsWith('transforms')) return RESERVED_HINT['transforms'] ?? ''
  if (key.startsWith('predicates')) return RESERVED_HINT['predicates'] ?? ''
  if (key.endsWith('converter')) return RESERVED_HINT['converter'] ?? ''
  if (key.startsWith('topic')) return RESERVED_HINT['topic'] ?? ''
  return RESERVED_HINT[key] ?? ''
}

function placeholderProblem(value: string): string | undefined {
  const rest = value.replace(PLACEHOLDER, (match, provider: string, _path: string | undefined, key: string) => (provider === '' || key === '' ? match : ''))
  if (!rest.includes('${')) return undefined
  return 'a ${...} placeholder must be ${provider:key} or ${provider:path:key}, e.g. ${env:DB_PASSWORD}'
}

/** A Java class name as Kafka Connect takes it: dotted identifiers (`$` for nested classes), or an alias. */
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/

function classProblem(what: string, className: string, at: Omit<OptionsContext, 'location'> & { location: SourceLocation | undefined }): Diagnostic {
  return diagnostic({
    code: 'PIPE_INVALID_OPTION',
    message: `${JSON.stringify(className)} is not a Java class name for a Kafka Connect ${what}`,
    hint: "give the plugin's class as the worker lists it (pipe plugins list), e.g. 'io.debezium.connector.postgresql.PostgresConnector'",
    ...at,
  })
}

function envName(label: string, option: string): string {
  // a class name (pulled and kafkaConnect() plugins) gives its simple name: PostgresConnector -> POSTGRES
  const short = label.replace(/^(\w+ )?(?:[\w$]+\.)+([\w$]+?)(?:Connector)?$/, '$2')
  return `${short}_${option}`.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()
}

function checkValue(spec: AnyField, value: JsonValue, option: string, label: string): Problem | undefined {
  const invalid = (expected: string): Problem => ({
    code: 'PIPE_INVALID_OPTION',
    message: `option '${option}' of ${label} must be ${expected} (got ${JSON.stringify(value)})`,
    hint: spec.doc,
  })
  switch (spec.kind) {
    case 'string':
    case 'class':
      return typeof value === 'string' || isSecret(value) ? undefined : invalid(TYPE_NAMES[spec.kind])
    case 'double': {
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= (spec.min ?? -Infinity) && value <= (spec.max ?? Infinity)
      const range = spec.min === undefined && spec.max === undefined ? '' : ` in [${String(spec.min ?? '-∞')}, ${String(spec.max ?? '∞')}]`
      return ok ? undefined : invalid(`a number${range}`)
    }
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

interface Target {
  readonly label: string
  readonly fields: Readonly<Record<string, AnyField>>
  readonly unknownKeys: UnknownKeys
  /** Keys pipe writes itself at this level. */
  readonly reserved: RegExp
}

/** Keys pipe writes itself for a plugin SMT or predicate (`transforms.<alias>.type`, `.predicate`, `.negate`). */
const RESERVED_PLUGIN_KEY = /^(?:type|predicate|negate)$/

function unknownKeyProblems(target: Target, option: string, value: JsonValue): Problem[] {
  const out: Problem[] = []
  if (target.reserved.test(option)) {
    const hint = target.reserved === RESERVED_KEY ? reservedHint(option) : "pipe writes the class as 'type', and the condition from .dropIf/.keepIf/.when"
    out.push({ code: 'PIPE_INVALID_OPTION', message: `${target.label} may not set '${option}': pipe writes it`, hint })
    return out
  }
  if (typeof value === 'string' && looksLikeSecretKey(option)) {
    // never echo the value: it is a secret
    out.push({
      code: 'PIPE_LITERAL_SECRET',
      message: `key '${option}' of ${target.label} looks like a secret and is given as a literal string`,
      hint: `use env('${option.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}') or secret('file', '/path/to/file.properties', '${option}'); a literal would be stored in plain text in the connector config`,
    })
  }
  return out
}

function valueProblems(option: string, value: JsonValue, label: string): Problem[] {
  const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  return strings.flatMap((text) => {
    const problem = placeholderProblem(text)
    return problem === undefined ? [] : [{ code: 'PIPE_INVALID_OPTION' as const, message: `option '${option}' of ${label} has a malformed placeholder`, hint: problem }]
  })
}

function checkOptions(target: Target, options: JsonObject, at: Omit<OptionsContext, 'location'> & { location: SourceLocation | undefined }): Diagnostic[] {
  const { label, fields } = target
  const out: Diagnostic[] = []
  for (const [option, spec] of Object.entries(fields)) {
    const value = options[option]
    if (value === undefined) {
      if (spec.required) {
        out.push(diagnostic({ code: 'PIPE_MISSING_OPTION', message: `${label} is missing required option '${option}'`, hint: `add ${option}: <${spec.kind}> (${spec.doc})`, ...at }))
      }
      continue
    }
    const problem = checkValue(spec, value, option, label)
    if (problem !== undefined) out.push(diagnostic({ ...problem, ...at }))
    if (target.unknownKeys !== 'error') for (const p of valueProblems(option, value, label)) out.push(diagnostic({ ...p, ...at }))
  }
  const known = Object.keys(fields)
  for (const option of Object.keys(options).filter((o) => !known.includes(o))) {
    const value = options[option] ?? null
    if (target.unknownKeys === 'error') {
      out.push(diagnostic({ code: 'PIPE_UNKNOWN_OPTION', message: `${label} has no option '${option}'`, hint: known.length === 0 ? 'it takes no options' : `valid options: ${known.join(', ')}`, ...at }))
      continue
    }
    const problems = [...unknownKeyProblems(target, option, value), ...valueProblems(option, value, label)]
    for (const problem of problems) out.push(diagnostic({ ...problem, ...at }))
    if (target.unknownKeys === 'warn' && problems.length === 0) {
      out.push(diagnostic({
        code: 'PIPE_UNKNOWN_OPTION', severity: 'warning',
        message: `${label} has no option '${option}'; it is passed to Kafka Connect as given`,
        hint: `check the spelling (known keys: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', ...' : ''}), or pull the plugin's module again if it is newer`,
        ...at,
      }))
    }
  }
  return out
}

/**
 * Validates connector options against the definition's fields: required, types, ranges, enums,
 * unknown options (an error, or for a definition with `unknownKeys` a warning / nothing, plus the
 * checks of raw keys: keys pipe writes itself, malformed placeholders, literal values of
 * secret-looking keys), and literal values for password-typed options (PIPE_LITERAL_SECRET).
 *
 * @example
 * ```ts
 * validateOptions(jdbcSinkDefinition, { url: 'jdbc:...', username: 'a', password: 'hunter2' }, ctx)
 * // [{ code: 'PIPE_LITERAL_SECRET', ... }]
 * ```
 */
export function validateOptions(definition: ConnectorDefinition, options: JsonObject, context: OptionsContext): Diagnostic[] {
  const at = { location: context.location, pipeline: context.pipeline, connector: context.connector }
  if ('class' in definition.kafkaConnect && !JAVA_CLASS.test(definition.kafkaConnect.class)) return [classProblem(`${definition.role} connector`, definition.kafkaConnect.class, at)]
  const label = definition.unknownKeys === undefined || definition.unknownKeys === 'error'
    ? `${definition.name} ${definition.role}`
    : `${definition.role} ${'class' in definition.kafkaConnect ? definition.kafkaConnect.class : definition.name}`
  const out = checkOptions({ label, fields: definition.fields, unknownKeys: definition.unknownKeys ?? 'error', reserved: RESERVED_KEY }, options, at)
  for (const problem of definition.check?.(options) ?? []) out.push(diagnostic({ ...problem, ...at }))
  return out
}

/**
 * Validates a plugin SMT's or predicate's options against its definition (as {@link validateOptions}
 * does for connectors; unknown keys are a warning unless the definition says otherwise).
 *
 * @example
 * ```ts
 * validatePluginOptions(extractNewRecordStateDefinition, { 'delete.handling.mode': 'nope' }, ctx)
 * ```
 */
export function validatePluginOptions(definition: PluginDefinition, options: JsonObject, context: OptionsContext): Diagnostic[] {
  const at = { location: context.location, pipeline: context.pipeline, connector: context.connector }
  if (!JAVA_CLASS.test(definition.class)) return [classProblem(definition.kind === 'transform' ? 'SMT' : 'predicate', definition.class, at)]
  return checkOptions({ label: `${definition.kind} ${definition.class}`, fields: definition.fields, unknownKeys: definition.unknownKeys ?? 'warn', reserved: RESERVED_PLUGIN_KEY }, options, at)
}
