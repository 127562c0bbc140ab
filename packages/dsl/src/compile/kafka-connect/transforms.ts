import type { BuiltinPredicateIR, PluginPredicateIR, PluginStepIR, PortableStepIR, PredicateIR } from '../../ir/steps.js'
import { isSecret, secretPlaceholder } from '../../ir/secret.js'
import type { JsonObject } from '../../ir/json.js'
import { assertNever } from '../../ir/visit.js'
import { PREDICATE_CLASSES as PREDICATES, SMT_CLASSES as SMTS } from '../../contract/class-names.js'

/** Kafka Connect SMT class of each portable step (declared in the contract; checked here against the IR's step types). */
export const SMT_CLASSES: Readonly<Record<PortableStepIR['type'], string>> = SMTS

/** Kafka Connect predicate class of each IR predicate (declared in the contract). */
export const PREDICATE_CLASSES: Readonly<Record<BuiltinPredicateIR['type'], string>> = PREDICATES

type Entries = [string, string | undefined][]

function configValue(value: JsonObject[string]): string {
  if (isSecret(value)) return secretPlaceholder(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',')
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

/** `<prefix>.type` and `<prefix>.<key>` of a plugin SMT or predicate. */
function pluginConfig(prefix: string, plugin: PluginStepIR | PluginPredicateIR): Record<string, string> {
  const config: Record<string, string> = { [`${prefix}.type`]: plugin.class }
  for (const [key, value] of Object.entries(plugin.config)) {
    // type is the class: a config key 'type' would overwrite it (validation refuses it)
    if (key !== 'type') config[`${prefix}.${key}`] = configValue(value)
  }
  return config
}

function insertFieldEntries(step: Extract<PortableStepIR, { type: 'insert-field' }>): Entries {
  return [
    ['topic.field', step.topicField], ['partition.field', step.partitionField], ['offset.field', step.offsetField],
    ['timestamp.field', step.timestampField], ['static.field', step.staticField], ['static.value', step.staticValue],
  ]
}

function stepEntries(step: PortableStepIR): Entries {
  switch (step.type) {
    case 'insert-field': return insertFieldEntries(step)
    case 'replace-field':
      return [['include', step.include?.join(',')], ['exclude', step.exclude?.join(',')],
        ['renames', step.renames?.map(([from, to]) => `${from}:${to}`).join(',')]]
    case 'mask-field': return [['fields', step.fields.join(',')], ['replacement', step.replacement]]
    case 'cast': return [['spec', step.spec]]
    case 'timestamp-converter':
      return [['target.type', step.targetType], ['field', step.field], ['format', step.format], ['unix.precision', step.unixPrecision]]
    case 'regex-router': return [['regex', step.regex], ['replacement', step.replacement]]
    case 'timestamp-router': return [['topic.format', step.topicFormat], ['timestamp.format', step.timestampFormat]]
    case 'value-to-key': return [['fields', step.fields.join(',')]]
    case 'extract-field':
    case 'hoist-field': return [['field', step.field]]
    case 'flatten': return [['delimiter', step.delimiter]]
    case 'header-from':
      return [['fields', step.fields.join(',')], ['headers', step.headers.join(',')], ['operation', step.operation]]
    case 'insert-header': return [['header', step.header], ['value.literal', step.value]]
    case 'drop-headers': return [['headers', step.headers.join(',')]]
    case 'filter': return []
    default: return assertNever(step)
  }
}

/**
 * The `transforms.<alias>.*` keys of one portable step.
 *
 * @example
 * ```ts
 * smtConfig('mask-0', { type: 'mask-field', fields: ['ssn'] })
 * // { 'transforms.mask-0.type': '...MaskField$Value', 'transforms.mask-0.fields': 'ssn' }
 * ```
 */
export function smtConfig(alias: string, step: PortableStepIR | PluginStepIR): Record<string, string> {
  if (step.type === 'plugin') return pluginConfig(`transforms.${alias}`, step)
  const config: Record<string, string> = { [`transforms.${alias}.type`]: SMT_CLASSES[step.type] }
  for (const [key, value] of stepEntries(step)) {
    if (value !== undefined) config[`transforms.${alias}.${key}`] = value
  }
  return config
}

/**
 * The `predicates.<alias>.*` keys of one predicate.
 *
 * @example
 * ```ts
 * predicateConfig('drop-test', { type: 'topic-name-matches', pattern: '.*-test' })
 * ```
 */
export function predicateConfig(alias: string, predicate: PredicateIR): Record<string, string> {
  if (predicate.type === 'plugin') return pluginConfig(`predicates.${alias}`, predicate)
  const config: Record<string, string> = { [`predicates.${alias}.type`]: PREDICATE_CLASSES[predicate.type] }
  if (predicate.type === 'topic-name-matches') config[`predicates.${alias}.pattern`] = predicate.pattern
  if (predicate.type === 'has-header-key') config[`predicates.${alias}.name`] = predicate.name
  return config
}
