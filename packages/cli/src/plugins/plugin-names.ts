/**
 * The names a pulled plugin's module uses: its file (kebab-case, without `.ts`), its factory (camelCase)
 * and its definition (`<factory>Definition`).
 *
 * @example
 * ```ts
 * const n: PluginNames = { file: 'insert-field-value', factory: 'insertFieldValue', definition: 'insertFieldValueDefinition' }
 * ```
 */
export interface PluginNames {
  readonly file: string
  readonly factory: string
  readonly definition: string
}

// words a factory may not be named (reserved in strict mode modules, or names the module itself imports)
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface',
  'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments', 'eval', 'undefined',
  'field', 'env', 'secret', 'index',
])

/**
 * The words of a class's simple name (nested classes too: `Cast$Value` is cast, value), lower case.
 *
 * @example
 * ```ts
 * classWords('org.apache.kafka.connect.transforms.InsertField$Value') // ['insert', 'field', 'value']
 * classWords('com.acme.HTTPSourceConnector') // ['http', 'source', 'connector']
 * ```
 */
export function classWords(className: string): string[] {
  const simple = className.slice(className.lastIndexOf('.') + 1)
  return simple
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase())
}

/**
 * The package segments of a class, innermost first, as words (`io.debezium.transforms.X` gives
 * transforms, debezium, io).
 */
function packageWords(className: string): string[] {
  const packages = className.slice(0, Math.max(0, className.lastIndexOf('.'))).split('.').filter((part) => part !== '')
  return packages.reverse().map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''))
}

const camel = (words: readonly string[]): string =>
  words.map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`)).join('')

function namesOf(words: readonly string[]): PluginNames {
  let all = words.flatMap((word) => word.split('-')).filter((word) => word !== '')
  if (all.length === 0) all = ['plugin']
  if (/^[0-9]/.test(all[0] ?? '')) all = ['plugin', ...all]
  let factory = camel(all)
  if (RESERVED.has(factory)) {
    all = [...all, 'plugin']
    factory = camel(all)
  }
  return { file: all.join('-'), factory, definition: `${factory}Definition` }
}

/**
 * The names of every plugin's module, by class. A simple name that two classes share is prefixed with
 * as many package segments as make it unique (`transforms-timestamp-converter` and
 * `debezium-transforms-timestamp-converter`), computed over all `classes` so that a name does not
 * depend on which plugins a pull selects; the same classes always give the same names.
 *
 * @example
 * ```ts
 * pluginNames(['io.debezium.transforms.ExtractNewRecordState']).get('io.debezium.transforms.ExtractNewRecordState')?.factory
 * // 'extractNewRecordState'
 * ```
 */
export function pluginNames(classes: readonly string[]): Map<string, PluginNames> {
  const unique = [...new Set(classes)].sort()
  const depth = new Map<string, number>(unique.map((name) => [name, 0]))
  const fileOf = (name: string): string => {
    const prefix = packageWords(name).slice(0, depth.get(name) ?? 0).reverse()
    return namesOf([...prefix, ...classWords(name)]).file
  }
  // grow the prefix of every class of a colliding group until no two classes share a file name
  for (let round = 0; round < 64; round++) {
    const byFile = new Map<string, string[]>()
    for (const name of unique) byFile.set(fileOf(name), [...(byFile.get(fileOf(name)) ?? []), name])
    const colliding = [...byFile.values()].filter((group) => group.length > 1)
    if (colliding.length === 0) break
    for (const group of colliding) {
      for (const name of group) depth.set(name, (depth.get(name) ?? 0) + 1)
    }
  }
  const names = new Map<string, PluginNames>()
  const taken = new Set<string>()
  for (const name of unique) {
    let words = [...packageWords(name).slice(0, depth.get(name) ?? 0).reverse(), ...classWords(name)]
    // classes that differ only in characters a name drops (a.B_c and a.BC): number them in class order
    for (let n = 2; taken.has(namesOf(words).file); n++) words = [...words.slice(0, words.length - (n > 2 ? 1 : 0)), String(n)]
    const result = namesOf(words)
    taken.add(result.file)
    names.set(name, result)
  }
  return names
}
