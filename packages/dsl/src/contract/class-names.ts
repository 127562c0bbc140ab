/**
 * The connector and transform classes of `--target pipe`: what pipe's worker implements. Connectors
 * with a Kafka Connect equivalent whose semantics pipe implements (FileStream, every built-in SMT and
 * predicate) keep their Kafka Connect class names; the others are listed here.
 *
 * @example
 * ```ts
 * PIPE_CONNECTOR_CLASSES['datagen-source'] // 'pipe:datagen-source'
 * ```
 */
export const PIPE_CONNECTOR_CLASSES = {
  'datagen-source': 'pipe:datagen-source',
  'twitter-source': 'pipe:twitter-source',
  'postgres-cdc-source': 'pipe:postgres-cdc-source',
  'cassandra-sink': 'pipe:cassandra-sink',
  'jdbc-sink': 'pipe:jdbc-sink',
  'jdbc-source': 'pipe:jdbc-source',
  'console-sink': 'pipe:console-sink',
  'topic-to-topic-sink': 'pipe:topic-to-topic-sink',
} as const

/**
 * Transform classes of TypeScript steps on `--target pipe`; `transforms.<alias>.ref` holds the
 * step's stable id (see `getStepFunctions`).
 *
 * @example
 * ```ts
 * PIPE_TRANSFORM_CLASSES.map // 'pipe:map'
 * ```
 */
export const PIPE_TRANSFORM_CLASSES = {
  map: 'pipe:map',
  filter: 'pipe:filter',
  'flat-map': 'pipe:flat-map',
} as const

/**
 * Kafka Connect's FileStream connector classes (also run by pipe's worker).
 *
 * @example
 * ```ts
 * FILE_STREAM_CLASSES.source // 'org.apache.kafka.connect.file.FileStreamSourceConnector'
 * ```
 */
export const FILE_STREAM_CLASSES = {
  source: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
  sink: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
} as const

const SMT = 'org.apache.kafka.connect.transforms.'
const PREDICATES = 'org.apache.kafka.connect.transforms.predicates.'

const keyed = <N extends string>(name: N) => ({ key: `${SMT}${name}$Key`, value: `${SMT}${name}$Value` }) as const

/**
 * Kafka Connect's built-in SMTs that come as a `$Key` and a `$Value` variant, by simple class name.
 *
 * @example
 * ```ts
 * KEYED_SMT_CLASSES.Cast.value // 'org.apache.kafka.connect.transforms.Cast$Value'
 * ```
 */
export const KEYED_SMT_CLASSES = {
  InsertField: keyed('InsertField'),
  ReplaceField: keyed('ReplaceField'),
  MaskField: keyed('MaskField'),
  Cast: keyed('Cast'),
  TimestampConverter: keyed('TimestampConverter'),
  ExtractField: keyed('ExtractField'),
  HoistField: keyed('HoistField'),
  Flatten: keyed('Flatten'),
  HeaderFrom: keyed('HeaderFrom'),
} as const

/**
 * Kafka Connect's built-in SMTs that pipe has no step for (a pipeline uses them through
 * `kafkaConnectTransform`), by simple class name.
 *
 * @example
 * ```ts
 * STEPLESS_SMT_CLASSES.SetSchemaMetadata.value // 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value'
 * ```
 */
export const STEPLESS_SMT_CLASSES = {
  SetSchemaMetadata: keyed('SetSchemaMetadata'),
} as const

/**
 * Kafka Connect's built-in SMTs with a single class, by simple class name.
 *
 * @example
 * ```ts
 * UNKEYED_SMT_CLASSES.RegexRouter // 'org.apache.kafka.connect.transforms.RegexRouter'
 * ```
 */
export const UNKEYED_SMT_CLASSES = {
  RegexRouter: `${SMT}RegexRouter`,
  TimestampRouter: `${SMT}TimestampRouter`,
  ValueToKey: `${SMT}ValueToKey`,
  InsertHeader: `${SMT}InsertHeader`,
  DropHeaders: `${SMT}DropHeaders`,
  Filter: `${SMT}Filter`,
} as const

/**
 * Kafka Connect SMT class of each portable step (value variants where `$Key`/`$Value` exist).
 *
 * @example
 * ```ts
 * SMT_CLASSES['insert-field'] // 'org.apache.kafka.connect.transforms.InsertField$Value'
 * ```
 */
export const SMT_CLASSES = {
  'insert-field': KEYED_SMT_CLASSES.InsertField.value,
  'replace-field': KEYED_SMT_CLASSES.ReplaceField.value,
  'mask-field': KEYED_SMT_CLASSES.MaskField.value,
  cast: KEYED_SMT_CLASSES.Cast.value,
  'timestamp-converter': KEYED_SMT_CLASSES.TimestampConverter.value,
  'regex-router': UNKEYED_SMT_CLASSES.RegexRouter,
  'timestamp-router': UNKEYED_SMT_CLASSES.TimestampRouter,
  'value-to-key': UNKEYED_SMT_CLASSES.ValueToKey,
  'extract-field': KEYED_SMT_CLASSES.ExtractField.value,
  'hoist-field': KEYED_SMT_CLASSES.HoistField.value,
  flatten: KEYED_SMT_CLASSES.Flatten.value,
  'header-from': KEYED_SMT_CLASSES.HeaderFrom.value,
  'insert-header': UNKEYED_SMT_CLASSES.InsertHeader,
  'drop-headers': UNKEYED_SMT_CLASSES.DropHeaders,
  filter: UNKEYED_SMT_CLASSES.Filter,
} as const

/**
 * Kafka Connect's built-in predicate classes, by the IR's predicate type.
 *
 * @example
 * ```ts
 * PREDICATE_CLASSES['record-is-tombstone'] // 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone'
 * ```
 */
export const PREDICATE_CLASSES = {
  'topic-name-matches': `${PREDICATES}TopicNameMatches`,
  'has-header-key': `${PREDICATES}HasHeaderKey`,
  'record-is-tombstone': `${PREDICATES}RecordIsTombstone`,
} as const

/**
 * Kafka Connect's converter classes that pipe compiles to and implements.
 *
 * @example
 * ```ts
 * CONVERTER_CLASSES.json // 'org.apache.kafka.connect.json.JsonConverter'
 * ```
 */
export const CONVERTER_CLASSES = {
  json: 'org.apache.kafka.connect.json.JsonConverter',
  string: 'org.apache.kafka.connect.storage.StringConverter',
  byteArray: 'org.apache.kafka.connect.converters.ByteArrayConverter',
  simpleHeader: 'org.apache.kafka.connect.storage.SimpleHeaderConverter',
} as const

/**
 * Third-party connector classes that `--target kafka-connect` compiles to (plugins installed on the worker).
 *
 * @example
 * ```ts
 * PLUGIN_CONNECTOR_CLASSES.debeziumPostgres // 'io.debezium.connector.postgresql.PostgresConnector'
 * ```
 */
export const PLUGIN_CONNECTOR_CLASSES = {
  debeziumPostgres: 'io.debezium.connector.postgresql.PostgresConnector',
  debeziumJdbcSink: 'io.debezium.connector.jdbc.JdbcSinkConnector',
  camelSink: 'org.apache.camel.kafkaconnector.CamelSinkConnector',
} as const
