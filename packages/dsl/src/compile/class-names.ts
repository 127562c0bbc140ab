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
