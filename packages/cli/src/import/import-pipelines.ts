import { CONVERTER_CLASSES, FILE_STREAM_CLASSES } from '@pipe/dsl/contract'
import { importChain } from './import-steps.js'
import type { PulledModule } from './pulled-module.js'
import { placeholderCall, quote, typedLiteral } from './ts-literal.js'

/** A connector as Kafka Connect holds it: `POST /connectors`'s body. */
export interface ImportedConnector {
  readonly name: string
  readonly config: Readonly<Record<string, string>>
  /** The connector's state on the cluster (or the file's `initial_state`), when known. */
  readonly state?: string
  /** Its type as the worker reports it; unknown (connector files), the keys say (`topics`: a sink). */
  readonly type?: 'source' | 'sink'
}

/** One pipeline file to write. */
export interface ImportedFile {
  readonly pipeline: string
  readonly file: string
  readonly connectors: readonly string[]
  /** The connectors written with an initial state (paused or stopped on the cluster). */
  readonly initialStates: Readonly<Record<string, 'paused' | 'stopped'>>
  readonly text: string
}

/** An env variable the written files read instead of a literal or masked secret. */
export interface SecretVariable {
  readonly variable: string
  readonly connector: string
  readonly key: string
}

/** What `importPipelines` wrote, skipped and needs. */
export interface ImportResult {
  readonly files: readonly ImportedFile[]
  readonly skipped: readonly { readonly connector: string; readonly reason: string }[]
  readonly variables: readonly SecretVariable[]
}

/** Where the connectors came from, for the header comment. */
export interface ImportOrigin {
  readonly from: string
  readonly at: Date
  readonly pulled?: readonly PulledModule[]
  /** The PASSWORD keys of each connector class, as the worker's plugin says (`--connect`): never written as literals. */
  readonly passwordKeys?: ReadonlyMap<string, readonly string[]>
}

type Config = Readonly<Record<string, string>>
type Role = 'source' | 'sink'
type Routing = 'router' | 'topic-key' | 'none'

interface Read {
  readonly connector: ImportedConnector
  readonly role: Role
  readonly topic: string
  readonly format?: string
  readonly factory: string
  readonly steps: readonly string[]
  readonly imports: readonly [string, string][]
  readonly tasksMax?: string
  readonly errors?: string
  readonly initialState?: 'paused' | 'stopped'
}

const SECRET_KEY = /(password|passwd|secret|token|credential|api[._-]?key|private[._-]?key)/i
const MASKED = /^\*+$|^\[hidden\]$/i
const OWN_KEYS = /^(name|connector\.class|tasks\.max|topic|topics|topics\.regex|transforms(\..*)?|predicates(\..*)?|(key|value|header)\.converter(\..*)?|errors\..*|pipe\.pipeline)$/
const DSL = '@pipe/dsl'
const CONNECTORS = '@pipe/dsl/connectors'

const envName = (connector: string, key: string): string => `${connector}_${key}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')

/** The topic format the converters say, undefined when there are none, an error for other converters. */
function formatOf(config: Config): string | undefined | { error: string } {
  const converters = Object.entries(config).filter(([k]) => /^(key|value|header)\.converter/.test(k))
  if (converters.length === 0) return undefined
  const c = Object.fromEntries(converters)
  if (c['key.converter'] === CONVERTER_CLASSES.string && c['value.converter'] === CONVERTER_CLASSES.string && converters.length === 2) return 'string'
  const schemas = c['value.converter.schemas.enable']
  if (c['key.converter'] === CONVERTER_CLASSES.json && c['value.converter'] === CONVERTER_CLASSES.json && converters.length === 4 &&
    schemas === c['key.converter.schemas.enable'] && (schemas === 'true' || schemas === 'false')) return schemas === 'true' ? 'json-schema' : 'json'
  return { error: `converters ${converters.map(([k, v]) => `${k}=${v}`).join(', ')}: pipe sets the converters of a topic format (string, json, json-schema) only` }
}

const ERROR_KEYS: readonly [string, string, 'string' | 'number' | 'boolean'][] = [
  ['errors.tolerance', 'tolerance', 'string'], ['errors.retry.timeout', 'retryTimeoutMs', 'number'],
  ['errors.retry.delay.max.ms', 'retryMaxDelayMs', 'number'], ['errors.log.enable', 'log', 'boolean'],
  ['errors.log.include.messages', 'logMessages', 'boolean'], ['errors.deadletterqueue.topic.name', 'deadLetterTopic', 'string'],
  ['errors.deadletterqueue.topic.replication.factor', 'deadLetterReplicationFactor', 'number'],
  ['errors.deadletterqueue.context.headers.enable', 'deadLetterContextHeaders', 'boolean'],
]

function errorsOf(config: Config): string | undefined | { error: string } {
  const unknown = Object.keys(config).filter((k) => k.startsWith('errors.') && !ERROR_KEYS.some(([key]) => key === k))
  if (unknown.length > 0) return { error: `unknown error-handling keys ${unknown.join(', ')}` }
  const parts: string[] = []
  for (const [key, option, kind] of ERROR_KEYS) {
    const value = config[key]
    if (value === undefined || (key === 'errors.tolerance' && value === 'none')) continue
    parts.push(`${option}: ${kind === 'string' ? quote(value) : value}`)
  }
  return parts.length === 0 ? undefined : `{ ${parts.join(', ')} }`
}

/** A config value as code in a factory's options: typed for a pulled module's field, a placeholder as env()/secret(). */
function valueCode(connector: string, key: string, value: string, kind: string | undefined, variables: SecretVariable[], imports: [string, string][]): string {
  const call = placeholderCall(value)
  if (call !== undefined) {
    imports.push([DSL, call.startsWith('env(') ? 'env' : 'secret'])
    return call
  }
  if (kind === 'password' || kind === 'secret' || SECRET_KEY.test(key) || MASKED.test(value)) {
    const variable = envName(connector, key)
    variables.push({ variable, connector, key })
    imports.push([DSL, 'env'])
    return `env(${quote(variable)})`
  }
  return typedLiteral(value, kind)
}

const optionKey = (key: string): string => (/^[A-Za-z_]\w*$/.test(key) ? key : quote(key))

/** The topic formats of file() and fileSink() (their definitions' `formats`; the CLI stays off the built-in list). */
const FILE_FORMATS: Readonly<Record<Role, readonly string[]>> = { source: ['string'], sink: ['string', 'json'] }

/** Whether file()/fileSink() say this FileStream connector: its keys and its topic format are theirs. */
function isTypedFileStream(c: ImportedConnector, role: Role, own: readonly string[], format: string | undefined): boolean {
  return c.config['connector.class'] === FILE_STREAM_CLASSES[role] && c.config['file'] !== undefined &&
    (format === undefined || FILE_FORMATS[role].includes(format)) &&
    own.every((k) => k === 'file' || (role === 'source' && k === 'batch.size' && /^\d+$/.test(c.config[k] ?? '')))
}

function factoryOf(c: ImportedConnector, read: { role: Role; routing: Routing; format: string | undefined; passwordKeys: readonly string[] | undefined }, pulled: readonly PulledModule[], variables: SecretVariable[], imports: [string, string][]): string {
  const { role, routing } = read
  const cls = c.config['connector.class'] ?? ''
  const own = Object.keys(c.config).filter((k) => !OWN_KEYS.test(k)).sort()
  if (isTypedFileStream(c, role, own, read.format)) {
    const name = role === 'source' ? 'file' : 'fileSink'
    imports.push([CONNECTORS, name])
    const batch = c.config['batch.size']
    return `${name}({ file: ${quote(c.config['file'] ?? '')}${batch === undefined ? '' : `, batchSize: ${batch}`} })`
  }
  // a pulled module routes as its plugin does: a source left to name its own topics goes through kafkaConnect()
  const module = routing === 'none' ? undefined : pulled.find((m) => m.kind === 'connector' && m.className === cls)
  const passwords = read.passwordKeys ?? []
  const options = own.map((k) => `${optionKey(k)}: ${valueCode(c.name, k, c.config[k] ?? '', passwords.includes(k) ? 'password' : module?.fields[k], variables, imports)}`)
  const body = options.length === 0 ? '{}' : `{\n${options.map((o) => `    ${o},`).join('\n')}\n  }`
  if (module !== undefined) {
    imports.push([module.specifier, module.factory])
    return `${module.factory}${role === 'source' ? '<Row>' : ''}(${body})`
  }
  imports.push([CONNECTORS, 'kafkaConnect'])
  return `kafkaConnect${role === 'source' ? '<Row>' : ''}(${quote(cls)}, ${body}${role === 'source' && routing !== 'router' ? `, { routing: ${quote(routing)} }` : ''})`
}

/** The one topic a Debezium source without a router writes: `<topic.prefix>.<schema>.<table>` of its one plain table. */
function ownTopic(config: Config): string | undefined {
  const prefix = config['topic.prefix']
  const tables = (config['table.include.list'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')
  const [table] = tables
  if (prefix === undefined || tables.length !== 1 || table === undefined || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(table)) return undefined
  return `${prefix}.${table}`
}

/** The topic a connector reads or writes, and how a source's records reach it. */
function topicOf(config: Config, role: Role, routedTo: string | undefined): { topic: string; routing: Routing } | { error: string } {
  if (role === 'sink') {
    if (config['topics.regex'] !== undefined) return { error: 'topics.regex: a pipe sink reads one topic' }
    const topics = (config['topics'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')
    const [topic] = topics
    return topics.length === 1 && topic !== undefined ? { topic, routing: 'router' } : { error: `topics=${config['topics'] ?? ''}: a pipe sink reads one topic` }
  }
  if (routedTo !== undefined) return { topic: routedTo, routing: 'router' }
  if (config['topic'] !== undefined) return { topic: config['topic'], routing: 'topic-key' }
  const own = ownTopic(config)
  return own === undefined
    ? { error: 'a source without a topic key names its topics itself; pipe routes a source into one topic (add a RegexRouter to one topic first)' }
    : { topic: own, routing: 'none' }
}

function readConnector(c: ImportedConnector, origin: ImportOrigin, variables: SecretVariable[]): Read | { error: string } {
  const pulled = origin.pulled ?? []
  const cls = c.config['connector.class']
  if (cls === undefined || cls.trim() === '') return { error: 'no connector.class' }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(c.name)) {
    return { error: `pipe names connectors with letters, digits, '.', '_' and '-' only: it cannot declare '${c.name}' under this name` }
  }
  const role: Role = c.type ?? (cls === FILE_STREAM_CLASSES.sink || c.config['topics'] !== undefined || c.config['topics.regex'] !== undefined ? 'sink' : 'source')
  const chain = importChain(c.config, pulled.filter((m) => m.kind === 'transform'))
  if (chain.error !== undefined) return { error: chain.error }
  const target = topicOf(c.config, role, chain.routedTo)
  if ('error' in target) return target
  const { topic, routing } = target
  const format = formatOf(c.config)
  if (typeof format === 'object') return { error: format.error }
  const errors = errorsOf(c.config)
  if (typeof errors === 'object') return { error: errors.error }
  const imports: [string, string][] = [...chain.imports].map((name) => [name === 'kafkaConnectTransform' || name === 'kafkaConnectPredicate' ? CONNECTORS : DSL, name])
  imports.push(...chain.modules)
  const factory = factoryOf(c, { role, routing, format, passwordKeys: origin.passwordKeys?.get(cls) }, pulled, variables, imports)
  const tasksMax = c.config['tasks.max']
  const state = c.state?.toUpperCase()
  const initialState = state === 'PAUSED' ? 'paused' : state === 'STOPPED' ? 'stopped' : undefined
  return {
    connector: c, role, topic, factory, steps: chain.steps, imports,
    ...(format === undefined ? {} : { format }), ...(errors === undefined ? {} : { errors }),
    ...(tasksMax === undefined || tasksMax === '1' ? {} : { tasksMax }),
    ...(initialState === undefined ? {} : { initialState }),
  }
}

/** How a connector keeps its name: pipe's default, a `name` suffix, or the whole `connectorName`. */
interface Naming { readonly suffix?: string; readonly connectorName?: string }

function connectorOptions(read: Read, naming: Naming): string {
  const parts = [
    ...(naming.suffix === undefined ? [] : [`name: ${quote(naming.suffix)}`]),
    ...(naming.connectorName === undefined ? [] : [`connectorName: ${quote(naming.connectorName)}`]),
    ...(read.tasksMax === undefined ? [] : [`tasksMax: ${read.tasksMax}`]),
    ...(read.errors === undefined ? [] : [`errors: ${read.errors}`]),
    ...(read.initialState === undefined ? [] : [`initialState: ${quote(read.initialState)}`]),
  ]
  return parts.length === 0 ? '' : `, { ${parts.join(', ')} }`
}

/** The pipeline name and how the connector keeps its name (nothing: pipe's default name is its name). */
function splitName(name: string, role: Role): { pipeline: string } & Naming {
  if (name.endsWith(`-${role}`) && name.length > role.length + 1) return { pipeline: name.slice(0, -role.length - 1) }
  const dash = name.lastIndexOf('-')
  return dash > 0 && dash < name.length - 1 ? { pipeline: name.slice(0, dash), suffix: name.slice(dash + 1) } : { pipeline: name, connectorName: name }
}

const formatOption = (format: string | undefined): string => (format === undefined ? '' : `, { format: ${quote(format)} }`)
const indent = (steps: readonly string[], pad: string): string => steps.map((s) => `\n${pad}${s}`).join('')

function renderFile(pipeline: string, source: Read | undefined, sinks: readonly { read: Read; naming: Naming }[], sourceNaming: Naming, origin: ImportOrigin): string {
  const imports: [string, string][] = [[DSL, 'pipeline'], [DSL, 'topic'], ...(source?.imports ?? []), ...sinks.flatMap((s) => s.read.imports)]
  if (source !== undefined) imports.push([DSL, 'source'])
  const format = source?.format ?? sinks.find((s) => s.read.format !== undefined)?.read.format
  const topic = source?.topic ?? sinks[0]?.read.topic ?? ''
  const lines: string[] = []
  let head: string
  if (source !== undefined) {
    lines.push(`const stream = source(${source.factory}${connectorOptions(source, sourceNaming)})${indent(source.steps, '  ')}\n  .to(topic(${quote(topic)}${formatOption(format)}))`, '')
    head = 'stream'
  } else {
    head = `topic<Row>(${quote(topic)}${formatOption(format)})`
  }
  const branches = sinks.map((s) => `${head}${indent(s.read.steps, '    ')}\n    .sink(${s.read.factory.replace(/\n/g, '\n    ')}${connectorOptions(s.read, s.naming)})`)
  if (branches.length === 0) branches.push(head)
  lines.push(`export default pipeline([\n${branches.map((b) => `  ${b},`).join('\n')}\n], { name: ${quote(pipeline)}, target: 'kafka-connect' })`)
  const bySpecifier = new Map<string, Set<string>>()
  for (const [specifier, name] of imports) bySpecifier.set(specifier, (bySpecifier.get(specifier) ?? new Set()).add(name))
  const importLines = [...bySpecifier.keys()].sort().map((specifier) =>
    `import { ${[...(bySpecifier.get(specifier) ?? [])].sort().join(', ')} } from ${quote(specifier)}`)
  const names = [source, ...sinks.map((s) => s.read)].filter((r): r is Read => r !== undefined).map((r) => r.connector.name)
  const header = [`// Imported by \`pipe import\` from ${origin.from} at ${origin.at.toISOString()}.`, `// Connectors: ${names.join(', ')}.`]
  const rowType = [...lines, ...branches].some((l) => l.includes('<Row>'))
    ? ['/** A record: the connectors say nothing of their fields; name them here to type the steps. */', 'type Row = Record<string, unknown>', ''] : []
  return `${[...header, ...importLines, '', ...rowType, ...lines].join('\n')}\n`
}

/**
 * Turns Kafka Connect connectors into pipeline file texts: a source and the sinks reading its topic
 * (whose names share its pipeline name) in one pipeline, any other connector alone; connector names
 * kept (explicit `name` where pipe's default would differ); built-in SMTs and predicates as typed
 * steps; placeholders as `env()`/`secret()`; a literal or masked secret as `env('<CONNECTOR>_<KEY>')`.
 * A connector that cannot be read is skipped with its reason.
 *
 * @example
 * ```ts
 * const { files, skipped, variables } = importPipelines(connectors, { from: 'http://localhost:8083', at: new Date() })
 * ```
 */
export function importPipelines(connectors: readonly ImportedConnector[], origin: ImportOrigin): ImportResult {
  const variables: SecretVariable[] = []
  const skipped: { connector: string; reason: string }[] = []
  const reads: Read[] = []
  for (const c of [...connectors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const own: SecretVariable[] = []
    const read = readConnector(c, origin, own)
    if ('error' in read) skipped.push({ connector: c.name, reason: read.error })
    else {
      reads.push(read)
      variables.push(...own)
    }
  }
  const files: ImportedFile[] = []
  const used = new Set<Read>()
  const add = (pipeline: string, source: Read | undefined, sinks: { read: Read; naming: Naming }[], sourceNaming: Naming = {}): void => {
    const file = `${pipeline}.ts`
    if (files.some((f) => f.file === file)) {
      for (const r of [source, ...sinks.map((s) => s.read)]) if (r !== undefined) skipped.push({ connector: r.connector.name, reason: `pipeline name '${pipeline}' is taken by another imported pipeline` })
      return
    }
    const all = [source, ...sinks.map((s) => s.read)].filter((r): r is Read => r !== undefined)
    const initialStates = Object.fromEntries(all.flatMap((r) => (r.initialState === undefined ? [] : [[r.connector.name, r.initialState] as const])))
    files.push({ pipeline, file, connectors: all.map((r) => r.connector.name), initialStates, text: renderFile(pipeline, source, sinks, sourceNaming, origin) })
  }
  for (const source of reads.filter((r) => r.role === 'source')) {
    used.add(source)
    const { pipeline, ...naming } = splitName(source.connector.name, 'source')
    const readers = reads.filter((r) => r.role === 'sink' && !used.has(r) && r.topic === source.topic && r.connector.name.startsWith(`${pipeline}-`))
    readers.forEach((r) => used.add(r))
    const sinks = readers.map((read) => {
      const rest = read.connector.name.slice(pipeline.length + 1)
      return { read, naming: readers.length === 1 && rest === 'sink' ? {} : { suffix: rest } }
    })
    add(pipeline, source, sinks, naming)
  }
  for (const sink of reads.filter((r) => r.role === 'sink' && !used.has(r))) {
    const { pipeline, ...naming } = splitName(sink.connector.name, 'sink')
    add(pipeline, undefined, [{ read: sink, naming }])
  }
  return { files, skipped, variables }
}
