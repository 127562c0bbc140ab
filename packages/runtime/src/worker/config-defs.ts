import { FILE_STREAM_CLASSES } from '@pipe/dsl/contract'

/** Types of Kafka Connect's `ConfigDef` keys, as `/config/validate` reports them. */
export type ConfigType = 'STRING' | 'INT' | 'LONG' | 'SHORT' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'CLASS' | 'PASSWORD'

/** `ConfigKeyInfo`: one key's definition (JSON key `order_in_group` since Kafka Connect 4.2; 3.x wrote `order`). */
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
  readonly order_in_group: number
}

type KeyRow = readonly [name: string, type: ConfigType, defaultValue: string | null, importance: ConfigKeyInfo['importance'], group: string | null, width: ConfigKeyInfo['width'], order: number, documentation: string]

/** The key whose default is the plugin's own version (Kafka Connect 4.1, KIP-891). */
const CONNECTOR_VERSION_KEY = 'connector.plugin.version'

function key(row: KeyRow, pluginVersion: string | null): ConfigKeyInfo {
  const [name, type, rowDefault, importance, group, width, order, documentation] = row
  const defaultValue = name === CONNECTOR_VERSION_KEY ? pluginVersion : rowDefault
  const required = rowDefault === null && (name === 'name' || name === 'connector.class' || name === 'topic')
  return { name, type, required, default_value: defaultValue, importance, documentation, group, width, display_name: name, dependents: [], order_in_group: order }
}

const COMMON: readonly KeyRow[] = [
  ['name', 'STRING', null, 'HIGH', 'Common', 'MEDIUM', 1, 'globally unique name of this connector'],
  ['connector.class', 'STRING', null, 'HIGH', 'Common', 'LONG', 2, 'class name or alias of the connector'],
  // the *.plugin.version keys: Kafka Connect 4.1 (KIP-891), which pins a plugin version per connector
  [CONNECTOR_VERSION_KEY, 'STRING', null, 'MEDIUM', 'Common', 'MEDIUM', 3, 'version of the connector'],
  ['tasks.max', 'INT', '1', 'HIGH', 'Common', 'SHORT', 4, 'maximum number of tasks'],
  ['tasks.max.enforce', 'BOOLEAN', 'true', 'LOW', 'Common', 'SHORT', 5, '(deprecated) fail when the connector asks for more tasks than tasks.max'],
  ['key.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 6, 'converter of record keys; default: the worker\'s'],
  ['key.converter.plugin.version', 'STRING', null, 'LOW', 'Common', 'SHORT', 7, 'version of the key converter'],
  ['value.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 8, 'converter of record values; default: the worker\'s'],
  ['value.converter.plugin.version', 'STRING', null, 'LOW', 'Common', 'SHORT', 9, 'version of the value converter'],
  ['header.converter', 'CLASS', null, 'LOW', 'Common', 'SHORT', 10, 'converter of record headers; default: the worker\'s'],
  ['header.converter.plugin.version', 'STRING', null, 'LOW', 'Common', 'SHORT', 11, 'version of the header converter'],
  ['transforms', 'LIST', '', 'LOW', 'Transforms', 'LONG', 12, 'aliases of the transformations to apply, in order'],
  ['predicates', 'LIST', '', 'LOW', 'Predicates', 'LONG', 13, 'aliases of the predicates transformations use'],
  ['config.action.reload', 'STRING', 'restart', 'LOW', 'Common', 'MEDIUM', 14, 'what to do when a config provider value changes: none or restart'],
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

/** Framework keys for a connector type, then the plugin's own keys; `pluginVersion` is the default of connector.plugin.version. */
export function connectorKeys(type: 'source' | 'sink', className: string, pluginVersion: string | null): readonly ConfigKeyInfo[] {
  return [...COMMON, ...(type === 'sink' ? SINK : SOURCE), ...(PLUGIN_KEYS[className] ?? [])].map((row) => key(row, pluginVersion))
}

/** The plugin's own keys first, then the framework's (`GET /connector-plugins/{p}/config`). */
export function pluginConfigKeys(type: 'source' | 'sink', className: string, pluginVersion: string): readonly ConfigKeyInfo[] {
  return [...(PLUGIN_KEYS[className] ?? []), ...COMMON, ...(type === 'sink' ? SINK : SOURCE)].map((row) => key(row, pluginVersion))
}
