import { CONVERTER_CLASSES } from '@pipe/dsl/contract'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { ConfigKeyInfo } from './config-defs.js'
import { configGroups, connectorKeys } from './config-defs.js'
import { setOwn } from '../records/own-property.js'
import { connectorNameErrors } from './connector-name.js'

/** `ConfigValueInfo`: a key's value as validated. */
export interface ConfigValueInfo {
  readonly name: string
  readonly value: string | null
  readonly recommended_values: readonly string[]
  readonly errors: readonly string[]
  readonly visible: boolean
}

/** `ConfigInfos`: the answer of `PUT /connector-plugins/{p}/config/validate`. */
export interface ConfigInfos {
  readonly name: string
  readonly error_count: number
  readonly groups: readonly string[]
  readonly configs: readonly { readonly definition: ConfigKeyInfo | null; readonly value: ConfigValueInfo }[]
}

/** A resolved connector plugin: its canonical class name and type. */
export interface ResolvedPlugin {
  readonly className: string
  readonly type: 'source' | 'sink'
  readonly validate?: (config: Readonly<Record<string, string>>) => readonly string[]
}

type Config = Readonly<Record<string, string | null>>

/** pipe worker's converters, as a Kafka Connect worker's key/value/header.converter settings. */
const WORKER_CONVERTERS: Readonly<Record<string, string>> = {
  'key.converter': CONVERTER_CLASSES.json,
  'value.converter': CONVERTER_CLASSES.json,
  'header.converter': CONVERTER_CLASSES.simpleHeader,
}

const NUMERIC = new Set(['INT', 'LONG', 'SHORT'])

function typeErrors(def: ConfigKeyInfo, value: string | null): string[] {
  const invalid = (why: string): string => `Invalid value ${String(value)} for configuration ${def.name}: ${why}`
  if (value === null) return []
  if (NUMERIC.has(def.type) && !/^\s*-?\d+\s*$/.test(value)) {
    // tasks.max also has a non-null validator, which then sees no value (as Kafka Connect reports it)
    const nonNull = def.name === 'tasks.max' ? [`Invalid value null for configuration ${def.name}: Value must be non-null`] : []
    return [invalid(`Not a number of type ${def.type}`), ...nonNull]
  }
  if (def.type === 'BOOLEAN' && !/^(true|false)$/i.test(value.trim())) return [invalid('Expected value to be either true or false')]
  if (def.name === 'tasks.max' && Number(value) < 1) return [invalid('Value must be at least 1')]
  if (def.name === 'errors.tolerance' && !['none', 'all'].includes(value.trim().toLowerCase())) return [invalid('String must be one of: none, all')]
  return []
}

function keyErrors(def: ConfigKeyInfo, config: Config): string[] {
  const supplied = Object.hasOwn(config, def.name)
  const value = config[def.name] ?? null
  if (supplied && value === null) return ['Null value can not be supplied as the configuration value.']
  if (!supplied && def.required) return [`Missing required configuration "${def.name}" which has no default value.`]
  if (def.name === 'name' && value !== null) return connectorNameErrors(value)
  return typeErrors(def, value)
}

function topicErrors(config: Config): string[] {
  const has = (k: string): boolean => (config[k] ?? '').trim() !== ''
  if (has('topics') === has('topics.regex')) {
    return [has('topics') ? 'topics and topics.regex are mutually exclusive options, but both are set.' : 'Must configure one of topics or topics.regex']
  }
  return []
}

/** `transforms.<alias>.type` or `predicates.<alias>.type`, then its `.plugin.version` (Kafka Connect 4.1, KIP-891). */
function aliasEntries(config: Config, kind: 'transforms' | 'predicates', known: (className: string) => boolean, pluginVersion: string | null): ConfigInfos['configs'] {
  const aliases = (config[kind] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '')
  const what = kind === 'transforms' ? 'Transformation' : 'Predicate'
  return aliases.flatMap((alias) => {
    const group = `${kind === 'transforms' ? 'Transforms' : 'Predicates'}: ${alias}`
    const name = `${kind}.${alias}.type`
    const value = config[name] ?? null
    const errors = value === null ? [`Missing required configuration "${name}" which has no default value.`]
      : !known(value) ? [`Invalid value ${value} for configuration ${name}: Class ${value} could not be found.`] : []
    const definition: ConfigKeyInfo = { name, type: 'CLASS', required: true, default_value: null, importance: 'HIGH', documentation: `class of the ${what.toLowerCase()}`, group, width: 'LONG', display_name: `${what} type for ${alias}`, dependents: [], order_in_group: 0 }
    const versionName = `${kind}.${alias}.plugin.version`
    const version: ConfigKeyInfo = { ...definition, name: versionName, type: 'STRING', required: false, default_value: pluginVersion, documentation: `version of the ${what.toLowerCase()}`, display_name: `${what} version for ${alias}`, order_in_group: 1 }
    const versionValue = config[versionName] ?? pluginVersion
    return [
      { definition, value: { name, value, recommended_values: [], errors, visible: true } },
      { definition: version, value: { name: versionName, value: versionValue, recommended_values: pluginVersion === null ? [] : [pluginVersion], errors: [], visible: true } },
    ]
  })
}

function pluginErrors(plugin: ResolvedPlugin, config: Config): string[] {
  const strings: Record<string, string> = {}
  for (const [k, v] of Object.entries(config)) if (v !== null) setOwn(strings, k, v)
  return [...(plugin.validate?.(strings) ?? [])]
}

/**
 * Validates a connector config as Kafka Connect's `AbstractHerder.validateConnectorConfig` does;
 * `pluginVersion` is what the `*.plugin.version` keys default to (the versions `GET /connector-plugins` lists).
 */
export function validateConnectorConfig(plugin: ResolvedPlugin, config: Config, registry: ConnectorRegistry, pluginVersion: string | null = null): ConfigInfos {
  // since Kafka Connect 4.1 validation resolves the worker's converters and their versions as defaults
  // (GET /connector-plugins/{p}/config leaves them null)
  const resolved = (definition: ConfigKeyInfo): string | null =>
    definition.name.endsWith('.plugin.version') ? pluginVersion : WORKER_CONVERTERS[definition.name] ?? definition.default_value
  const keys = connectorKeys(plugin.type, plugin.className, pluginVersion).map((definition) => ({ ...definition, default_value: resolved(definition) }))
  const configs = keys.map((definition) => {
    const errors = keyErrors(definition, config)
    if (plugin.type === 'sink' && (definition.name === 'topics' || definition.name === 'topics.regex')) errors.push(...topicErrors(config))
    if (definition.name === 'connector.class') errors.push(...pluginErrors(plugin, config))
    const given = config[definition.name]
    // a value that does not parse as its type is reported as null, as Kafka Connect does
    const unparsed = errors.some((e) => e.includes('Not a number of type') || e.includes('Expected value to be either'))
    const raw = unparsed ? null : given === undefined ? definition.default_value : given
    const value = definition.type === 'PASSWORD' && raw !== null ? '[hidden]' : raw
    return { definition, value: { name: definition.name, value, recommended_values: [], errors, visible: true } }
  })
  const all = [
    ...configs,
    ...aliasEntries(config, 'transforms', (c) => registry.transform(c) !== undefined, pluginVersion),
    ...aliasEntries(config, 'predicates', (c) => registry.predicate(c) !== undefined, pluginVersion),
  ]
  const errorCount = all.reduce((n, c) => n + c.value.errors.length, 0)
  return { name: config['connector.class'] ?? '', error_count: errorCount, groups: configGroups(plugin.type), configs: all }
}

/** Every error message of a validation, in order (for the 400 of create and config put). */
export function validationErrors(infos: ConfigInfos): readonly string[] {
  return infos.configs.flatMap((c) => c.value.errors)
}

/** Kafka Connect's 400 message for an invalid connector config. */
export function invalidConfigMessage(errors: readonly string[]): string {
  return `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join('\n')}\n` +
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
}
