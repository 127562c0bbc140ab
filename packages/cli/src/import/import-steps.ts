import { KEYED_SMT_CLASSES, PREDICATE_CLASSES, SMT_CLASSES, STEPLESS_SMT_CLASSES } from '@pipe/dsl/contract'
import type { PulledModule } from './pulled-module.js'
import { quote, typedLiteral } from './ts-literal.js'

/** The pipe code of a connector's transform chain, and the names it imports from `@pipe/dsl`. */
export interface ImportedChain {
  /** One method call per step, e.g. `.dropIf(recordIsTombstone())`, in chain order. */
  readonly steps: readonly string[]
  readonly imports: ReadonlySet<string>
  /** `[specifier, factory]` of the pulled SMT modules the steps call. */
  readonly modules: readonly [string, string][]
  /** Set when the chain cannot be read: the connector is skipped with this reason. */
  readonly error?: string
  /** Set when the last step is pipe's own `route-to-topic` RegexRouter: its topic. */
  readonly routedTo?: string
}

type Config = Readonly<Record<string, string>>
const list = (text: string | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
const array = (items: readonly string[]): string => `[${items.map(quote).join(', ')}]`
const object = (entries: readonly [string, string | undefined][]): string => {
  const shown = entries.filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => `${/^[A-Za-z_]\w*$/.test(k) ? k : quote(k)}: ${v}`)
  return `{ ${shown.join(', ')} }`
}
const str = (value: string | undefined): string | undefined => (value === undefined ? undefined : quote(value))

/** Keys of each built-in SMT pipe types, so that any other key sends the step to `kafkaConnectTransform`. */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  [SMT_CLASSES['insert-field']]: ['topic.field', 'partition.field', 'offset.field', 'timestamp.field', 'static.field', 'static.value'],
  [SMT_CLASSES['replace-field']]: ['include', 'exclude', 'renames'],
  [SMT_CLASSES['mask-field']]: ['fields', 'replacement'],
  [SMT_CLASSES.cast]: ['spec'],
  [SMT_CLASSES['timestamp-converter']]: ['target.type', 'field', 'format', 'unix.precision'],
  [SMT_CLASSES['regex-router']]: ['regex', 'replacement'],
  [SMT_CLASSES['timestamp-router']]: ['topic.format', 'timestamp.format'],
  [SMT_CLASSES['value-to-key']]: ['fields'],
  [SMT_CLASSES['extract-field']]: ['field'],
  [SMT_CLASSES['hoist-field']]: ['field'],
  [SMT_CLASSES.flatten]: ['delimiter'],
  [SMT_CLASSES['header-from']]: ['fields', 'headers', 'operation'],
  [SMT_CLASSES['insert-header']]: ['header', 'value.literal'],
  [SMT_CLASSES['drop-headers']]: ['headers'],
}

/** The typed step method of a built-in SMT, or undefined when pipe has none for these keys. */
function typedStep(type: string, c: Config): string | undefined {
  if (Object.keys(c).some((k) => !(KNOWN_KEYS[type] ?? []).includes(k))) return undefined
  switch (type) {
    case SMT_CLASSES['insert-field']: {
      const hasStatic = c['static.field'] !== undefined
      if (hasStatic !== (c['static.value'] !== undefined)) return undefined
      return `.insertField(${object([['topic', str(c['topic.field'])], ['partition', str(c['partition.field'])], ['offset', str(c['offset.field'])],
        ['timestamp', str(c['timestamp.field'])], ['static', hasStatic ? object([['field', str(c['static.field'])], ['value', str(c['static.value'])]]) : undefined]])})`
    }
    case SMT_CLASSES['replace-field']: {
      const renames = c['renames'] === undefined ? undefined : list(c['renames']).map((r) => r.split(':'))
      if (renames?.some((r) => r.length !== 2) === true) return undefined
      return `.replaceField(${object([['include', c['include'] === undefined ? undefined : array(list(c['include']))],
        ['exclude', c['exclude'] === undefined ? undefined : array(list(c['exclude']))],
        ['renames', renames === undefined ? undefined : object(renames.map(([a = '', b = '']) => [a, quote(b)]))]])})`
    }
    case SMT_CLASSES['mask-field']:
      return c['fields'] === undefined ? undefined : `.maskField(${array(list(c['fields']))}${c['replacement'] === undefined ? '' : `, ${quote(c['replacement'])}`})`
    case SMT_CLASSES.cast: {
      const spec = c['spec']
      if (spec === undefined) return undefined
      if (!spec.includes(':')) return `.castValue(${quote(spec)})`
      const pairs = list(spec).map((p) => p.split(':'))
      return pairs.some((p) => p.length !== 2) ? undefined : `.cast(${object(pairs.map(([f = '', t = '']) => [f, quote(t)]))})`
    }
    case SMT_CLASSES['timestamp-converter']:
      if (c['field'] === undefined || c['target.type'] === undefined) return undefined
      return `.convertTimestamp(${object([['field', str(c['field'])], ['targetType', str(c['target.type'])], ['format', str(c['format'])], ['unixPrecision', str(c['unix.precision'])]])})`
    case SMT_CLASSES['regex-router']:
      return c['regex'] === undefined || c['replacement'] === undefined ? undefined : `.routeByRegex(${quote(c['regex'])}, ${quote(c['replacement'])})`
    case SMT_CLASSES['timestamp-router']:
      return `.routeByTimestamp(${object([['topicFormat', str(c['topic.format'])], ['timestampFormat', str(c['timestamp.format'])]])})`
    case SMT_CLASSES['value-to-key']: return c['fields'] === undefined ? undefined : `.valueToKey(${array(list(c['fields']))})`
    case SMT_CLASSES['extract-field']: return c['field'] === undefined ? undefined : `.extractField(${quote(c['field'])})`
    case SMT_CLASSES['hoist-field']: return c['field'] === undefined ? undefined : `.hoistField(${quote(c['field'])})`
    case SMT_CLASSES.flatten: return c['delimiter'] === undefined ? '.flatten()' : `.flatten({ delimiter: ${quote(c['delimiter'])} })`
    case SMT_CLASSES['header-from']:
      if (c['fields'] === undefined || c['headers'] === undefined || (c['operation'] !== 'move' && c['operation'] !== 'copy')) return undefined
      return `.headerFrom({ fields: ${array(list(c['fields']))}, headers: ${array(list(c['headers']))}, operation: ${quote(c['operation'])} })`
    case SMT_CLASSES['insert-header']:
      return c['header'] === undefined || c['value.literal'] === undefined ? undefined : `.insertHeader(${quote(c['header'])}, ${quote(c['value.literal'])})`
    case SMT_CLASSES['drop-headers']: return c['headers'] === undefined ? undefined : `.dropHeaders(${array(list(c['headers']))})`
    default: return undefined
  }
}

/** The keys under `<prefix>.` (without it), `type` apart. */
function keysUnder(config: Config, prefix: string): { type: string | undefined; keys: Record<string, string> } {
  const keys: Record<string, string> = {}
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${prefix}.`)) keys[key.slice(prefix.length + 1)] = value
  }
  const { type, ...rest } = keys
  return { type, keys: rest }
}

const configObject = (keys: Record<string, string>): string => object(Object.keys(keys).sort().map((k) => [k, quote(keys[k] ?? '')]))

function predicateCode(alias: string, config: Config, imports: Set<string>): string | { error: string } {
  if (!list(config['predicates']).includes(alias)) return { error: `transform predicate '${alias}' is not declared in predicates` }
  const { type, keys } = keysUnder(config, `predicates.${alias}`)
  if (type === undefined) return { error: `predicate '${alias}' has no predicates.${alias}.type` }
  const only = (...names: string[]): boolean => Object.keys(keys).every((k) => names.includes(k))
  if (type === PREDICATE_CLASSES['topic-name-matches'] && keys['pattern'] !== undefined && only('pattern')) {
    imports.add('topicNameMatches')
    return `topicNameMatches(${quote(keys['pattern'])})`
  }
  if (type === PREDICATE_CLASSES['has-header-key'] && keys['name'] !== undefined && only('name')) {
    imports.add('hasHeaderKey')
    return `hasHeaderKey(${quote(keys['name'])})`
  }
  if (type === PREDICATE_CLASSES['record-is-tombstone'] && only()) {
    imports.add('recordIsTombstone')
    return 'recordIsTombstone()'
  }
  imports.add('kafkaConnectPredicate')
  return `kafkaConnectPredicate(${quote(type)}, ${configObject(keys)})`
}

/** The alias pipe gives the step at `index` written for an SMT of class `type`: `<step type>-<index>` (`plugin-<index>` for any class it has no step for). */
function pipeAlias(type: string, index: number): string {
  const stepType = Object.entries(SMT_CLASSES).find(([, cls]) => cls === type)?.[0] ?? 'plugin'
  return `${stepType}-${String(index)}`
}

/** `.as(...)` when the cluster's aliases are not the ones pipe would give, so compiling gives the same keys back. */
function aliasCall(alias: string, generated: string, predicate: string | undefined): string {
  const predicateOption = predicate === undefined || predicate === `${alias}-if` ? '' : `, { predicate: ${quote(predicate)} }`
  return alias === generated && predicateOption === '' ? '' : `.as(${quote(alias)}${predicateOption})`
}

const isKnownSmtClass = (type: string): boolean =>
  Object.values(SMT_CLASSES).includes(type as never) || [...Object.values(KEYED_SMT_CLASSES), ...Object.values(STEPLESS_SMT_CLASSES)].some((k) => k.key === type || k.value === type)

/**
 * Reads a connector's `transforms`/`predicates` keys back into pipe's typed steps: the built-in SMTs
 * as their methods, predicates as `dropIf`/`keepIf`/`.when()` (with `not()` for negate), any other SMT
 * as `.transform(kafkaConnectTransform(class, config))`. pipe's own `route-to-topic` router at the end
 * is given back as `routedTo`, not as a step.
 *
 * @example
 * ```ts
 * importChain({ transforms: 'mask', 'transforms.mask.type': '...MaskField$Value', 'transforms.mask.fields': 'ssn' })
 * // { steps: [".maskField(['ssn'])"], imports: Set {} }
 * ```
 */
export function importChain(config: Config, pulled: readonly PulledModule[] = []): ImportedChain {
  const imports = new Set<string>()
  const modules: [string, string][] = []
  const steps: string[] = []
  const aliases = list(config['transforms'])
  let routedTo: string | undefined
  for (const [index, alias] of aliases.entries()) {
    const { type, keys } = keysUnder(config, `transforms.${alias}`)
    if (type === undefined) return { steps, imports, modules, error: `transform '${alias}' has no transforms.${alias}.type` }
    const { predicate, negate, ...smtKeys } = keys
    if (index === aliases.length - 1 && alias === 'route-to-topic' && type === SMT_CLASSES['regex-router'] && smtKeys['regex'] === '.*' && predicate === undefined) {
      routedTo = smtKeys['replacement']
      continue
    }
    if (!isKnownSmtClass(type) && type.startsWith('org.apache.kafka.connect.transforms.') && !pulled.some((m) => m.className === type)) {
      return { steps, imports, modules, error: `unknown SMT type '${type}' in transforms.${alias}.type` }
    }
    let code: string | undefined
    if (predicate !== undefined) {
      const read = predicateCode(predicate, config, imports)
      if (typeof read !== 'string') return { steps, imports, modules, error: read.error }
      code = read
    }
    if (type === SMT_CLASSES.filter && Object.keys(smtKeys).length === 0 && code !== undefined) {
      steps.push(`${negate === 'true' ? `.keepIf(${code})` : `.dropIf(${code})`}${aliasCall(alias, pipeAlias(type, index), predicate)}`)
      continue
    }
    if (negate === 'true' && code !== undefined) imports.add('not')
    const test = code === undefined ? undefined : negate === 'true' ? `not(${code})` : code
    let step = typedStep(type, smtKeys)
    const module = step === undefined ? pulled.find((m) => m.className === type) : undefined
    if (module !== undefined) {
      modules.push([module.specifier, module.factory])
      const options = Object.keys(smtKeys).sort().map((k) => `${/^[A-Za-z_]\w*$/.test(k) ? k : quote(k)}: ${typedLiteral(smtKeys[k] ?? '', module.fields[k])}`)
      step = `.transform<Row>(${module.factory}(${options.length === 0 ? '' : `{ ${options.join(', ')} }`}))`
    }
    if (step === undefined) {
      imports.add('kafkaConnectTransform')
      step = `.transform<Row>(kafkaConnectTransform(${quote(type)}, ${configObject(smtKeys)}))`
    }
    const named = `${step}${aliasCall(alias, pipeAlias(type, index), predicate)}`
    steps.push(test === undefined ? named : `.when(${test}, (s) => s${named})`)
  }
  return { steps, imports, modules, ...(routedTo === undefined ? {} : { routedTo }) }
}
