import { CORPUS_PLUGINS, type CorpusCase, type CorpusValue } from './plugins-corpus.js'

/** A corpus case as a pipeline file: its text, and which line holds which option key. */
export interface CorpusFile {
  readonly text: string
  readonly keyLines: ReadonlyMap<number, string>
}

const tsValue = (value: CorpusValue): string => {
  if (typeof value === 'object' && 'env' in value) return `env('${value.env}')`
  return JSON.stringify(value)
}

/** The string the worker gets for a value: lists comma-separated, env() as Kafka Connect's `${env:NAME}`. */
export function liveValue(value: CorpusValue): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if ('env' in value) return `\${env:${value.env}}`
  return value.join(',')
}

/** The topic a case's pipeline writes or reads. */
export const corpusTopic = (id: string): string => `corpus-${id}`

/** The source a transform or predicate case runs on (a good FileStream source). */
const HOST_FILE = '/tmp/corpus-host.txt'

/**
 * The pipeline file of a case, each option on its own line, importing the pulled modules from `pulledIndex`.
 *
 * @example
 * corpusFile(corpusCases(db)[0], '/repo/test/fixtures/plugins/index.js').text.includes('fileStreamSourceConnector({') // true
 */
export function corpusFile(corpusCase: CorpusCase, pulledIndex: string): CorpusFile {
  const plugin = CORPUS_PLUGINS[corpusCase.plugin]
  const host = CORPUS_PLUGINS.fileSource.factory
  const factories = [...new Set([plugin.factory, ...(plugin.role === 'transform' || plugin.role === 'predicate' ? [host] : [])])].sort()
  const usesEnv = Object.values(corpusCase.options).some((value) => typeof value === 'object' && 'env' in value)
  const lines = [
    `import { ${usesEnv ? 'env, ' : ''}source, topic } from '@pipe/dsl'`,
    `import { ${factories.join(', ')} } from '${pulledIndex}'`,
    '',
  ]
  const keyLines = new Map<number, string>()
  const call = (): string[] => {
    const entries = Object.entries(corpusCase.options)
    const body = entries.map(([key, value], index) => {
      keyLines.set(lines.length + 2 + index, key)
      return `  ${JSON.stringify(key)}: ${tsValue(value)},`
    })
    return [`${plugin.factory}({`, ...body, '})']
  }
  const topicName = corpusTopic(corpusCase.id)
  switch (plugin.role) {
    case 'source': {
      const [first = '', ...rest] = call()
      lines.push(`export default source(${first}`, ...rest.slice(0, -1), `})).to(topic('${topicName}'))`)
      break
    }
    case 'sink': {
      const [first = '', ...rest] = call()
      lines.push(`export default topic('${topicName}').sink(${first}`, ...rest.slice(0, -1), '}))')
      break
    }
    case 'transform':
    case 'predicate': {
      const [first = '', ...rest] = call()
      const method = plugin.role === 'transform' ? 'transform' : 'dropIf'
      lines.push(`export default source(${host}({ file: '${HOST_FILE}' })).${method}(${first}`, ...rest.slice(0, -1), `})).to(topic('${topicName}'))`)
      break
    }
  }
  lines.push('')
  return { text: lines.join('\n'), keyLines }
}

/** What goes to `PUT /connector-plugins/{class}/config/validate` for a case, and where its own keys are. */
export interface LiveRequest {
  readonly connectorClass: string
  readonly config: Readonly<Record<string, string>>
  /** the prefix of the case's keys in the worker's answer (`transforms.t.` for an SMT), '' for a connector */
  readonly prefix: string
}

/**
 * The same config as the worker sees it: the class, the name, the topic(s) pipe compiles from the
 * pipeline, and the case's keys as strings; an SMT or predicate rides on a FileStream source.
 *
 * @example
 * liveRequest(fileCase).config['connector.class'] // 'org.apache.kafka.connect.file.FileStreamSourceConnector'
 */
export function liveRequest(corpusCase: CorpusCase): LiveRequest {
  const plugin = CORPUS_PLUGINS[corpusCase.plugin]
  const topicName = corpusTopic(corpusCase.id)
  const name = `${topicName}-${plugin.role === 'sink' ? 'sink' : 'source'}`
  const keys = (prefix: string): Record<string, string> =>
    Object.fromEntries(Object.entries(corpusCase.options).map(([key, value]) => [`${prefix}${key}`, liveValue(value)]))
  switch (plugin.role) {
    case 'source':
      return { connectorClass: plugin.class, prefix: '', config: { 'connector.class': plugin.class, name, topic: topicName, ...keys('') } }
    case 'sink':
      return { connectorClass: plugin.class, prefix: '', config: { 'connector.class': plugin.class, name, topics: topicName, ...keys('') } }
    case 'transform':
    case 'predicate': {
      const hostClass = CORPUS_PLUGINS.fileSource.class
      const host = { 'connector.class': hostClass, name, topic: topicName, file: HOST_FILE, transforms: 't' }
      if (plugin.role === 'transform') {
        return { connectorClass: hostClass, prefix: 'transforms.t.', config: { ...host, 'transforms.t.type': plugin.class, ...keys('transforms.t.') } }
      }
      return {
        connectorClass: hostClass,
        prefix: 'predicates.p.',
        config: {
          ...host, 'transforms.t.type': 'org.apache.kafka.connect.transforms.Filter', 'transforms.t.predicate': 'p',
          predicates: 'p', 'predicates.p.type': plugin.class, ...keys('predicates.p.'),
        },
      }
    }
  }
}

/**
 * The shape of a worker's validate answer the corpus reads. `value` is null for a ConfigDef key the
 * connector's validation leaves out (Debezium 3.6's PostgreSQL connector: internal.legacy.snapshot.max.threads).
 */
export interface ValidateAnswer {
  readonly configs: readonly { readonly value: { readonly name: string; readonly errors: readonly string[] } | null }[]
}

/** The case's keys the worker flags (its errors), sorted, prefix removed. */
export function liveFlags(answer: ValidateAnswer, prefix: string): string[] {
  return answer.configs
    .flatMap((config) => config.value === null ? [] : [config.value])
    .filter((value) => value.errors.length > 0 && value.name.startsWith(prefix))
    .map((value) => value.name.slice(prefix.length))
    .sort()
}

/** One diagnostic of `pipe check --json`. */
export interface CheckDiagnostic {
  readonly code: string
  readonly severity: string
  readonly message: string
  readonly location?: { readonly file: string; readonly line: number }
}

/**
 * The keys one file's error diagnostics name: the key on the diagnostic's line (tsc: a wrong type), else
 * the known keys its message quotes or lists (a missing key, a literal password). A diagnostic that names
 * no key counts as `?<code>`, so it can never agree by accident.
 */
export function offlineFlags(diagnostics: readonly CheckDiagnostic[], file: CorpusFile, knownKeys: ReadonlySet<string>): string[] {
  const flagged = new Set<string>()
  for (const diagnostic of diagnostics.filter((d) => d.severity === 'error')) {
    const onLine = diagnostic.location === undefined ? undefined : file.keyLines.get(diagnostic.location.line)
    if (onLine !== undefined) { flagged.add(onLine); continue }
    // tsc on a missing required key: "Property '"database.hostname"' is missing in type ..." names it alone
    const missing = /Property '+"?([^'"]+)"?'+ is missing/.exec(diagnostic.message)?.[1]
    if (missing !== undefined && knownKeys.has(missing)) { flagged.add(missing); continue }
    const quoted = [...diagnostic.message.matchAll(/['"`]([^'"`\s]+)['"`]/g)].map((match) => match[1] ?? '').filter((key) => knownKeys.has(key))
    const listed = quoted.length > 0 ? quoted : [...knownKeys].filter((key) => new RegExp(`(^|[\\s,:])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s,.;]|$)`).test(diagnostic.message))
    if (listed.length === 0) flagged.add(`?${diagnostic.code}`)
    for (const key of listed) flagged.add(key)
  }
  return [...flagged].sort()
}
