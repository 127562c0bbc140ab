import { GENERATED_MARK } from '../util/generated-mark.js'
import type { PluginKey, PulledPlugin } from './plugin-info.js'
import type { PluginNames } from './plugin-names.js'


/**
 * Keys pipe writes itself into every connector config (the class, name, tasks, topics, transforms,
 * predicates, converters, its owner marker) and into every SMT or predicate (type, predicate, negate):
 * a pulled module leaves them out of its fields, as `pipe check` refuses them.
 */
const PIPE_WRITES: Readonly<Record<'connector' | 'plugin', RegExp>> = {
  connector: /^(?:connector\.class|name|tasks\.max|topics?|topics\.regex|transforms(?:\..*)?|predicates(?:\..*)?|(?:key|value|header)\.converter|pipe\.pipeline)$/,
  plugin: /^(?:type|predicate|negate)$/,
}

/**
 * The keys Kafka Connect's framework adds to every connector's ConfigDef (ConnectorConfig, and
 * SourceConnectorConfig or SinkConnectorConfig; `GET /connector-plugins/{class}/config` lists them with
 * the plugin's own): pipe sets them from a pipeline's settings, so pulled modules keep the plugin's keys only.
 */
const FRAMEWORK_KEYS: ReadonlySet<string> = new Set([
  'name', 'connector.class', 'connector.plugin.version', 'tasks.max', 'tasks.max.enforce',
  'key.converter', 'value.converter', 'header.converter',
  'key.converter.plugin.version', 'value.converter.plugin.version', 'header.converter.plugin.version',
  'transforms', 'predicates', 'config.action.reload',
  'errors.retry.timeout', 'errors.retry.delay.max.ms', 'errors.tolerance', 'errors.log.enable', 'errors.log.include.messages',
  'topics', 'topics.regex', 'errors.deadletterqueue.topic.name', 'errors.deadletterqueue.topic.replication.factor',
  'errors.deadletterqueue.context.headers.enable',
  'topic.creation.groups', 'exactly.once.support', 'transaction.boundary', 'transaction.boundary.interval.ms', 'offsets.storage.topic',
])

/**
 * The keys of a plugin a module gives fields to: its ConfigDef keys but the framework's, those pipe
 * writes itself, and patterns of keys.
 *
 * @example
 * ```ts
 * moduleKeys(fileStreamSource).map((key) => key.name) // ['batch.size', 'file'] (not 'topic')
 * ```
 */
export function moduleKeys(plugin: PulledPlugin): PluginKey[] {
  // a key that is a pattern (Debezium's `column.mask.with.(d+).chars`) names many keys, none of them itself:
  // the concrete keys are given as unknown keys (kept, with a warning)
  const keys = plugin.keys.filter((key) => !/[()[\]{}*+?\\|^$]/.test(key.name))
  if (plugin.type === 'source' || plugin.type === 'sink') return keys.filter((key) => !FRAMEWORK_KEYS.has(key.name) && !PIPE_WRITES.connector.test(key.name))
  return keys.filter((key) => !PIPE_WRITES.plugin.test(key.name))
}

/**
 * Whether a source names its topics itself (a Debezium connector: a `topic.prefix` key and no `topic`
 * key), so that pipe routes its records to the pipeline topic with a RegexRouter.
 */
function namesItsTopics(plugin: PulledPlugin): boolean {
  const keys = new Set(plugin.keys.map((key) => key.name))
  return plugin.type === 'source' && keys.has('topic.prefix') && !keys.has('topic')
}

const INT_RANGES: Readonly<Record<string, string>> = { INT: 'JAVA_RANGES.int', SHORT: 'JAVA_RANGES.short', LONG: 'JAVA_RANGES.long' }

/**
 * A single-quoted TypeScript string literal of `text` (control characters, quotes and backslashes escaped).
 *
 * @example
 * ```ts
 * literal("it's") // "'it\\'s'"
 * ```
 */
export function literal(text: string): string {
  let escaped = ''
  for (const char of text) {
    const code = char.charCodeAt(0)
    if (char === '\\') escaped += '\\\\'
    else if (char === "'") escaped += "\\'"
    else if (char === '\n') escaped += '\\n'
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) escaped += `\\u${code.toString(16).padStart(4, '0')}`
    else escaped += char
  }
  return `'${escaped}'`
}

/** The documentation on one line, for a field's `doc`. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * A TSDoc block at `indent`: the lines of `text` (a `*\/` in it cannot end the comment) and tags.
 *
 * @example
 * ```ts
 * tsdoc('Port.\nOf the server.', ['@defaultValue 5432'], '    ')
 * ```
 */
export function tsdoc(text: string, tags: readonly string[], indent: string): string {
  const lines = [...text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()), ...(tags.length > 0 && text.trim() !== '' ? [''] : []), ...tags]
  while (lines.length > 0 && lines[0] === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const body = lines.map((line) => `${indent} *${line === '' ? '' : ` ${line.replaceAll('*/', '*\\/')}`}`)
  return [`${indent}/**`, ...body, `${indent} */`].join('\n')
}

/** The plugin's class and version as the header and docs name them. */
export function pluginTitle(plugin: Pick<PulledPlugin, 'class' | 'version'>): string {
  return `${plugin.class} ${plugin.version ?? '(no version)'}`
}

/** The default as a TypeScript value of the key's type, or undefined when it has none (or one pipe cannot write). */
function defaultValue(key: PluginKey): string | undefined {
  const raw = key.defaultValue
  if (raw === null || key.required || key.type === 'PASSWORD') return undefined
  switch (key.type) {
    case 'INT': case 'SHORT': case 'LONG': case 'DOUBLE': {
      const value = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(value) || (key.type !== 'DOUBLE' && !Number.isSafeInteger(value))) return undefined
      return String(value)
    }
    case 'BOOLEAN':
      return raw === 'true' || raw === 'false' ? raw : undefined
    case 'LIST':
      return `[${raw.split(',').map((item) => item.trim()).filter((item) => item !== '').map(literal).join(', ')}]`
    case 'STRING': case 'CLASS':
      return literal(raw)
  }
}

/** The values of a STRING key's string-literal union: the worker's recommended set, with the default. */
function enumValues(key: PluginKey): string[] | undefined {
  if (key.type !== 'STRING' || key.recommended.length === 0) return undefined
  const values = new Set(key.recommended)
  if (key.defaultValue !== null && !key.required) values.add(key.defaultValue)
  return [...values].sort()
}

/**
 * The `field.*(...)` call of one key: its type, its Kafka Connect key, its documentation, required
 * when it has no default. A default is not given to the field (pipe would compile it into every config,
 * and the worker applies it anyway): it is in the TSDoc.
 *
 * @example
 * ```ts
 * fieldCall({ name: 'database.port', type: 'INT', required: false, defaultValue: '5432', documentation: 'Port.', recommended: [] })
 * // "field.int({ key: 'database.port', doc: 'Port.', ...JAVA_RANGES.int, optional: true })"
 * ```
 */
export function fieldCall(key: PluginKey): string {
  const parts = [`key: ${literal(key.name)}`, `doc: ${literal(oneLine(key.documentation))}`]
  const range = INT_RANGES[key.type]
  if (range !== undefined) parts.push(`...${range}`)
  if (!key.required) parts.push('optional: true')
  const init = `{ ${parts.join(', ')} }`
  const values = enumValues(key)
  if (values !== undefined) return `field.enum([${values.map(literal).join(', ')}], ${init})`
  switch (key.type) {
    case 'INT': case 'SHORT': case 'LONG': return `field.int(${init})`
    case 'DOUBLE': return `field.double(${init})`
    case 'BOOLEAN': return `field.bool(${init})`
    case 'LIST': return `field.list(${init})`
    case 'CLASS': return `field.class(${init})`
    case 'PASSWORD': return `field.password(${init})`
    case 'STRING': return `field.string(${init})`
  }
}

function fieldEntry(key: PluginKey): string {
  const fallback = defaultValue(key)
  const tags = [
    `Kafka Connect key \`${key.name}\`, ${key.type}${key.type === 'PASSWORD' ? ': give it with env() or secret()' : ''}.`,
    ...(key.required ? ['Required: it has no default.'] : []),
    ...(fallback === undefined ? [] : [`@defaultValue ${fallback}`]),
  ]
  return `${tsdoc(key.documentation, tags, '    ')}\n    ${literal(key.name)}: ${fieldCall(key)},`
}

function header(plugin: PulledPlugin): string {
  return [
    `${GENERATED_MARK} from ${pluginTitle(plugin)}.`,
    `// Do not edit: regenerate it with \`pipe plugins pull --plugin ${plugin.class}\`.`,
  ].join('\n')
}

const typeName = (names: PluginNames): string => `${names.factory.charAt(0).toUpperCase()}${names.factory.slice(1)}Options`

function fieldsBlock(plugin: PulledPlugin): string {
  const keys = moduleKeys(plugin)
  return keys.length === 0 ? '  fields: {},' : `  fields: {\n${keys.map(fieldEntry).join('\n')}\n  },`
}

function usesRanges(plugin: PulledPlugin): boolean {
  return moduleKeys(plugin).some((key) => INT_RANGES[key.type] !== undefined && enumValues(key) === undefined)
}

function importLine(plugin: PulledPlugin, names: readonly string[]): string {
  const values = [...names, ...(moduleKeys(plugin).length > 0 ? ['field'] : []), ...(usesRanges(plugin) ? ['JAVA_RANGES'] : [])]
  const types = ['OpenOptions', ...(plugin.type === 'source' ? ['SourceConnector'] : plugin.type === 'sink' ? ['SinkConnector'] : plugin.type === 'transformation' ? ['TransformRef'] : ['PluginPredicate'])]
  const sorted = [...values.sort(), ...types.sort().map((name) => `type ${name}`)]
  return `import { ${sorted.join(', ')} } from '@pipe/dsl/connectors'`
}

/** A placeholder value of a key's type for the TSDoc example. */
function exampleValue(key: PluginKey): string {
  const values = enumValues(key)
  if (values?.[0] !== undefined) return literal(values[0])
  switch (key.type) {
    case 'INT': case 'SHORT': case 'LONG': case 'DOUBLE': return '1'
    case 'BOOLEAN': return 'true'
    case 'LIST': return "['...']"
    case 'PASSWORD': return `env(${literal(key.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_'))})`
    case 'STRING': case 'CLASS': return "'...'"
  }
}

/** The factory called with its required keys (placeholders), as the TSDoc example shows it. */
function exampleCall(plugin: PulledPlugin, names: PluginNames): string {
  const required = moduleKeys(plugin).filter((key) => key.required)
  if (required.length === 0) return `${names.factory}()`
  return `${names.factory}({ ${required.map((key) => `${literal(key.name)}: ${exampleValue(key)}`).join(', ')} })`
}

function optionsDefault(plugin: PulledPlugin): string {
  return moduleKeys(plugin).some((key) => key.required) ? '' : ' = {}'
}

function connectorModule(plugin: PulledPlugin, names: PluginNames): string {
  const role = plugin.type === 'source' ? 'source' : 'sink'
  const options = typeName(names)
  const version = plugin.version === undefined ? '' : `, version: ${literal(plugin.version)}`
  const routing = namesItsTopics(plugin) ? ", routing: 'router'" : ''
  const formats = role === 'source' ? "['json']" : "['json', 'json-schema', 'string']"
  const ref = role === 'source' ? 'sourceRef' : 'sinkRef'
  const refType = role === 'source' ? 'SourceConnector' : 'SinkConnector'
  const call = exampleCall(plugin, names)
  const use = role === 'source' ? `source(${call}).to(topic('events'))` : `topic('events').sink(${call})`
  return [
    header(plugin),
    importLine(plugin, ['defineConnector', ref]),
    '',
    tsdoc(`The Kafka Connect ${role} connector ${pluginTitle(plugin)}: one field per key of its ConfigDef.`, [], ''),
    `export const ${names.definition} = defineConnector({`,
    `  name: ${literal(plugin.class)},`,
    `  role: ${literal(role)},`,
    `  doc: ${literal(`Kafka Connect ${role} connector ${pluginTitle(plugin)}, pulled with pipe plugins pull.`)},`,
    fieldsBlock(plugin),
    `  formats: ${formats},`,
    `  kafkaConnect: { class: ${literal(plugin.class)}${version}${routing} },`,
    `  pipeClass: ${literal(plugin.class)},`,
    "  unknownKeys: 'warn',",
    '})',
    '',
    tsdoc(`The options of ${names.factory}(): the Kafka Connect keys of ${plugin.class}. A key it does not list is kept (a warning).`, [], ''),
    `export type ${options} = OpenOptions<typeof ${names.definition}.fields>`,
    '',
    tsdoc(`The Kafka Connect ${role} connector ${pluginTitle(plugin)}; \`T\` is the record type it ${role === 'source' ? 'produces' : 'needs'}.`, ['@example', '```ts', use, '```'], ''),
    `export function ${names.factory}<T = unknown>(options: ${options}${optionsDefault(plugin)}): ${refType}<T> {`,
    `  return ${ref}<T>(${names.definition}, options)`,
    '}',
    '',
  ].join('\n')
}

function pluginModule(plugin: PulledPlugin, names: PluginNames): string {
  const transform = plugin.type === 'transformation'
  const options = typeName(names)
  const version = plugin.version === undefined ? '' : `  version: ${literal(plugin.version)},\n`
  const what = transform ? 'SMT' : 'predicate'
  const call = exampleCall(plugin, names)
  const use = transform ? `stream.transform(${call})` : `stream.dropIf(${call})`
  return [
    header(plugin),
    importLine(plugin, [transform ? 'defineTransform' : 'definePredicate', transform ? 'transformRef' : 'predicateRef']),
    '',
    tsdoc(`The Kafka Connect ${what} ${pluginTitle(plugin)}: one field per key of its ConfigDef.`, [], ''),
    `export const ${names.definition} = ${transform ? 'defineTransform' : 'definePredicate'}({`,
    `  class: ${literal(plugin.class)},`,
    `${version}  doc: ${literal(`Kafka Connect ${what} ${pluginTitle(plugin)}, pulled with pipe plugins pull.`)},`,
    fieldsBlock(plugin),
    "  unknownKeys: 'warn',",
    '})',
    '',
    tsdoc(`The options of ${names.factory}(): the Kafka Connect keys of ${plugin.class}. A key it does not list is kept (a warning).`, [], ''),
    `export type ${options} = OpenOptions<typeof ${names.definition}.fields>`,
    '',
    tsdoc(`The Kafka Connect ${what} ${pluginTitle(plugin)}.`, ['@example', '```ts', use, '```'], ''),
    `export function ${names.factory}(options: ${options}${optionsDefault(plugin)}): ${transform ? 'TransformRef' : 'PluginPredicate'} {`,
    `  return ${transform ? 'transformRef' : 'predicateRef'}(${names.definition}, options)`,
    '}',
    '',
  ].join('\n')
}

/**
 * The TypeScript module of one pulled plugin: a header naming the plugin's class and version (never
 * the worker's URL nor a date, so the same plugin always gives the same bytes), its definition (one
 * field per ConfigDef key, sorted) and its typed factory.
 *
 * @example
 * ```ts
 * renderPluginModule(plugin, { file: 'extract-new-record-state', factory: 'extractNewRecordState', definition: 'extractNewRecordStateDefinition' })
 * ```
 */
export function renderPluginModule(plugin: PulledPlugin, names: PluginNames): string {
  return plugin.type === 'source' || plugin.type === 'sink' ? connectorModule(plugin, names) : pluginModule(plugin, names)
}

/**
 * The `index.ts` of a folder of pulled modules: one re-export per module, sorted by file name.
 *
 * @example
 * ```ts
 * renderIndex(['postgres-connector', 'extract-new-record-state'])
 * ```
 */
export function renderIndex(files: readonly string[]): string {
  const lines = [...new Set(files)].sort().map((file) => `export * from './${file}.js'`)
  return [`${GENERATED_MARK}: every module of this folder.`, '// Do not edit: `pipe plugins pull` rewrites it.', ...lines, ''].join('\n')
}
