/**
 * `@pipe/dsl/connectors`: the connector factories (file, datagen, twitter, cassandra, postgres CDC,
 * jdbc, console) and their definitions.
 *
 * @example
 * ```ts
 * import { file, fileSink } from '@pipe/dsl/connectors'
 * ```
 */
export { field, JAVA_RANGES, type Field, type FieldKind, type FieldInit, type AnyField, type ListEncoding, type OptionsOf } from './field.js'
export {
  defineConnector, sourceRef, sinkRef, isConnectorRef, connectorDefinitionOf, makeConnectorRef, type ConnectorDefinition,
  type ConnectorRef, type SourceConnector, type SinkConnector, type KafkaConnectMapping, type ExtraConfigContext,
  type OptionProblem, type DefinitionOptions, type UnknownKeys,
} from './define-connector.js'
export {
  defineTransform, definePredicate, transformRef, predicateRef, kafkaConnectTransform, kafkaConnectPredicate,
  isTransformRef, pluginDefinitionOf, type PluginDefinition, type PluginDefinitionInit, type TransformRef,
  type PluginPredicate, type OpenOptions, type OptionValue,
} from './define-transform.js'
export { kafkaConnect, kafkaConnectDefinition, KAFKA_CONNECT_CONNECTOR, type KafkaConnectConnector, type KafkaConnectOptions } from './kafka-connect/kafka-connect.js'
export { definitionCatalog, type DefinitionCatalog } from './catalog.js'
export { validatePluginOptions } from './validate-options.js'
export { validateOptions, type OptionsContext } from './validate-options.js'
export { renderConnectorDocs } from './connector-docs.js'
export { CONNECTOR_DEFINITIONS, findConnectorDefinition, builtinCatalog } from './registry.js'
export { file, fileSourceDefinition, type FileSourceOptions } from './file/file-source.js'
export { fileSink, fileSinkDefinition, type FileSinkOptions } from './file/file-sink.js'
export { consoleSink, consoleSinkDefinition, type ConsoleSinkOptions } from './console/console-sink.js'
export {
  datagen, datagenSourceDefinition, DATAGEN_PRESETS, type DatagenOptions, type DatagenPresets, type Order, type User,
  type Pageview,
} from './datagen/datagen-source.js'
export { twitter, twitterSourceDefinition, type Tweet, type TwitterOptions } from './twitter/twitter-source.js'
export {
  cassandra, cassandraSinkDefinition, cassandraInsert, CAMEL_SINK_CLASS, type CassandraOptions,
} from './cassandra/cassandra-sink.js'
export {
  postgresCdc, postgresCdcSourceDefinition, DEBEZIUM_POSTGRES_CLASS, type ChangeEvent, type PostgresCdcOptions,
} from './postgres/postgres-cdc-source.js'
export { jdbc, jdbcSinkDefinition, DEBEZIUM_JDBC_SINK_CLASS, type JdbcSinkOptions } from './jdbc/jdbc-sink.js'
export { topicToTopicDefinition } from './topic-to-topic/topic-to-topic.js'
export { jdbcSource, jdbcSourceDefinition, JDBC_SOURCE_MODES, type JdbcSourceOptions } from './jdbc/jdbc-source.js'
