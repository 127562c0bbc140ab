import { FILE_STREAM_CLASSES } from '@pipe/dsl/contract'

/** Types of Kafka Connect's `ConfigDef` keys, as `/config/validate` reports them. */
export type ConfigType = 'STRING' | 'INT' | 'LONG' | 'SHORT' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'CLASS' | 'PASSWORD'

/** `ConfigKeyInfo`: one key's definition (JSON key `order`, as Kafka Connect writes it). */
export interface ConfigKeyInfo {
  readonly name: string
  readonly type: ConfigType
  readonly required: boolean
  readonly default_value: string | null
  readonly importance: 'HIGH' | 'MEDIUM' | 'LOW'
  readonly documentation: string
  readonly group: string | null
  readonly width: 'NONE' | 'SHORT' | 'MEDIUM' | 'LONG'
  readonly display_name: string
  readonly dependents: readonly string[]
  readonly order: number
}

type KeyRow = readonly [name: string, type: ConfigType, defaultValue: string | null, importance: ConfigKeyInfo['importance'], group: string | null, width: ConfigKeyInfo['width'], order: number, documentation: string]

function key(row: KeyRow): ConfigKeyInfo {
  const [name, type, defaultValue, importance, group, width, order, documentation] = row
  const required = defaultValue === null && (name === 'name' || name === 'connector.class' || name === 'topic')
  return { name, type, required, default_value: defaultValue, importance, documentation, group, width, display_name: name, dependents: [], order }
}

const COMMON: readonly KeyRow[] = [
  ['name', 'STRING', null, 'HIGH', 'Common', 'MEDIUM', 1, 'globally unique name of this connector'],
  ['connector.class', 'STRING', null, 'HIGH', 'Common', 'LONG', 2, 'class name or alias of the connector'],
  ['tasks.max', 'INT', '1', 'HIGH', 'Common', 'SHORT', 3, 'maximum number of tasks'],
  ['tasks.max.enforce', 'BOOLEAN', 'true', 'LOW', 'Common', 'SHORT', 4, 'fail when the connector asks for more tasks than tasks.max'],
  ['key.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 5, 'converter of record keys; default: the worker\'s'],
  ['value.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 6, 'converter of record values; default: the worker\'s'],
  ['header.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 7, 'converter of record headers; default: the worker\'s'],
  ['transforms', 'LIST', '', 'LOW', 'Transforms', 'LONG', 8, 'aliases of the transformations to apply, in order'],
  ['predicates', 'LIST', '', 'LOW', 'Predicates', 'LONG', 9, 'aliases of the predicates transformations use'],
  ['config.action.reload', 'STRING', 'restart', 'LOW', 'Common', 'MEDIUM', 10, 'what to do when a config provider value changes: none or restart'],
  ['errors.retry.timeout', 'LONG', '0', 'MEDIUM', 'Error Handling', 'MEDIUM', 1, 'how long to retry a failed operation, in ms; -1 forever'],
  ['errors.retry.delay.max.ms', 'LONG', '60000', 'MEDIUM', 'Error Handling', 'MEDIUM', 2, 'longest wait between retries, in ms'],
  ['errors.tolerance', 'STRING', 'none', 'MEDIUM', 'Error Handling', 'SHORT', 3, 'none: fail the task on an error; all: skip bad records'],
  ['errors.log.enable', 'BOOLEAN', 'false', 'MEDIUM', 'Error Handling', 'SHORT', 4, 'log each error'],
  ['errors.log.include.messages', 'BOOLEAN', 'false', 'MEDIUM', 'Error Handling', 'SHORT', 5, 'include the failed record in error logs'],
]

const SINK: readonly KeyRow[] = [
  ['topics', 'LIST', '', 'HIGH', 'Common', 'LONG', 4, 'topics to consume, comma separated'],
  ['topics.regex', 'STRING', '', 'HIGH', 'Common', 'LONG', 4, 'regular expression of topics to consume'],
  ['errors.deadletterqueue.topic.name', 'STRING', '', 'MEDIUM', 'Error Handling', 'MEDIUM', 6, 'dead letter queue topic; empty: none'],
  ['errors.deadletterqueue.topic.replication.factor', 'SHORT', '3', 'MEDIUM', 'Error Handling', 'MEDIUM', 7, 'replication factor of the dead letter queue topic'],
  ['errors.deadletterqueue.context.headers.enable', 'BOOLEAN', 'false', 'MEDIUM', 'Error Handling', 'MEDIUM', 8, 'add error context headers to dead letter records'],
]

const SOURCE: readonly KeyRow[] = [
  ['topic.creation.groups', 'LIST', '', 'LOW', 'Topic Creation', 'LONG', 1, 'topic creation groups besides default'],
  ['exactly.once.support', 'STRING', 'requested', 'MEDIUM', 'Exactly Once Support', 'SHORT', 2, 'requested or required'],
  ['transaction.boundary', 'STRING', 'poll', 'MEDIUM', 'Exactly Once Support', 'SHORT', 3, 'poll, interval or connector'],
  ['transaction.boundary.interval.ms', 'LONG', null, 'LOW', 'Exactly Once Support', 'SHORT', 4, 'transaction interval, in ms'],
  ['offsets.storage.topic', 'STRING', null, 'LOW', 'offsets.topic', 'LONG', 1, 'the connector\'s own offsets topic'],
]

const PLUGIN_KEYS: Readonly<Record<string, readonly KeyRow[]>> = {
  [FILE_STREAM_CLASSES.source]: [
    ['file', 'STRING', null, 'HIGH', null, 'NONE', -1, 'source file; standard input when not set'],
    ['topic', 'STRING', null, 'HIGH', null, 'NONE', -1, 'the topic to write to'],
    ['batch.size', 'INT', '2000', 'LOW', null, 'NONE', -1, 'maximum records per poll'],
  ],
  [FILE_STREAM_CLASSES.sink]: [
    ['file', 'STRING', null, 'HIGH', null, 'NONE', -1, 'destination file; standard output when not set'],
  ],
}

/** Groups of `/config/validate`, in Kafka Connect's order. */
export function configGroups(type: 'source' | 'sink'): readonly string[] {
  const common = ['Common', 'Transforms', 'Predicates', 'Error Handling']
  return type === 'sink' ? common : [...common, 'Topic Creation', 'Exactly Once Support', 'offsets.topic']
}

/** Framework keys for a connector type, then the plugin's own keys. */
export function connectorKeys(type: 'source' | 'sink', className: string): readonly ConfigKeyInfo[] {
  return [...COMMON, ...(type === 'sink' ? SINK : SOURCE), ...(PLUGIN_KEYS[className] ?? [])].map(key)
}

/** The plugin's own keys first, then the framework's (`GET /connector-plugins/{p}/config`). */
export function pluginConfigKeys(type: 'source' | 'sink', className: string): readonly ConfigKeyInfo[] {
  return [...(PLUGIN_KEYS[className] ?? []), ...COMMON, ...(type === 'sink' ? SINK : SOURCE)].map(key)
}
