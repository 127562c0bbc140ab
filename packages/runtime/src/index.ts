/**
 * `@pipe/runtime`: the engine that runs compiled connector configs (Kafka Connect's
 * `POST /connectors` bodies) with Kafka Connect's semantics, on the embedded store or on Kafka.
 *
 * @example
 * ```ts
 * const backend = createEmbeddedTopicBackend({ stateDir: '.pipe' })   // or createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers }) })
 * const registry = defaultRegistry({ writer: io.stdout })             // .with({ connectors: { 'pipe:twitter-source': ... } })
 * const engine = createEngine({ backend, registry, steps: getStepFunctions(pipeline) })
 * await engine.start(connectors)          // readonly { name, config }[]
 * engine.status('orders-source')          // { name, connector: { state, worker_id }, tasks: [...], type }
 * if (engine.isIdle(5_000)) await engine.stop()   // graceful: offsets flushed
 * await backend.close()
 * ```
 */
export { RUNTIME_NAME } from './runtime-name.js'
export { lazyModule } from './lazy-module.js'
export { RuntimeError, RetriableError, isRetriable, traceOf } from './errors.js'
export { Float64, isConnectMap } from './records/connect-value.js'
export { setOwn } from './records/own-property.js'
export { parseJsonWith } from './converters/json-parser.js'
export type { JsonParseOptions } from './converters/json-parser.js'
export type { ConnectValue, ConnectMap } from './records/connect-value.js'
export type {
  ConnectHeader,
  ConnectRecord,
  SourceRecord,
  SinkRecord,
  PolledRecord,
  SourcePartition,
  SourceOffset,
  TopicPartitionOffset,
} from './records/connect-record.js'
export { systemClock } from './tasks/task-context.js'
export type { ConnectorConfig } from '@pipe/dsl/contract'
export type {
  Clock,
  LineWriter,
  OffsetReader,
  TaskContext,
  SourceTaskContext,
  SinkTaskContext,
  RecordOutput,
} from './tasks/task-context.js'
export type { SourceTask, SourceConnector } from './tasks/source-task.js'
export type { SinkTask, SinkConnector } from './tasks/sink-task.js'
export { createConnectorRegistry } from './tasks/connector-registry.js'
export type { ConnectorRegistry, ConnectorPlugin, PluginSet } from './tasks/connector-registry.js'
export type {
  Transformation,
  Predicate,
  StepFunction,
  PluginContext,
  TransformationFactory,
  PredicateFactory,
} from './tasks/transformation.js'
export type { Converter, SchemaAndValue } from './converters/converter.js'
export { createConverter } from './converters/create-converter.js'
export type { ConnectSchema, ConnectField, SchemaType } from './records/connect-schema.js'
export { builtinTransforms } from './transforms/builtin-transforms.js'
export { buildTransformChain, applyChain } from './transforms/transform-chain.js'
export { retryWithBackoff } from './operators/retry-with-backoff.js'
export type { BackoffPolicy } from './operators/retry-with-backoff.js'
export { createEngine } from './engine/engine.js'
export type { AssignedWork, ConnectorSample, Engine, EngineOptions, RestartOptions, StartupCounts } from './engine/engine.js'
export { checkRunTopics } from './engine/ensure-topics.js'
export { ConfigProviderError, redact, resolveConfig, resolveTaskConfig } from './engine/config-providers.js'
export type { EnvSource, ResolvedConfig } from './engine/config-providers.js'
export type { TaskMetrics } from './engine/connector-status.js'
// Kafka Connect's REST shapes and the compiled connector document, declared once in the contract
export { CONNECT_STATES } from '@pipe/dsl/contract'
export type { ConnectState, ConnectorStatus, TaskStatus, ConnectorDocument, OffsetsBody } from '@pipe/dsl/contract'
export type {
  TopicBackend,
  TopicMessage,
  ConsumedMessage,
  MessageHeader,
  TopicConsumer,
  ConsumerOptions,
  TopicSpec,
  SourceOffsetCommit,
} from './topics/topic-backend.js'
export { createMemoryTopicBackend } from './topics/memory-topic-backend.js'
export type { MemoryTopicBackend } from './topics/memory-topic-backend.js'
export { defaultRegistry, builtinConnectors } from './plugins/default-registry.js'
export { sinkFileError } from './connectors/file/sink-file-error.js'
export type { DefaultRegistryOptions } from './plugins/default-registry.js'
export { createEmbeddedTopicBackend } from './topics/embedded-topic-backend.js'
export type { EmbeddedBackendOptions } from './topics/embedded-topic-backend.js'
export { createKafkaTopicBackend } from './topics/kafka-topic-backend.js'
export type { KafkaBackendOptions } from './topics/kafka-topic-backend.js'
export { createKafkajsClient } from './topics/kafkajs-client.js'
export type { KafkajsClientOptions } from './topics/kafkajs-client.js'
export type { KafkaSecurity, SaslMechanism } from './topics/kafka-security.js'
export { readOffsetsFile } from './topics/offsets-file.js'
export type { KafkaClient, KafkaRecord, KafkaReadRecord, KafkaGroupMember, KafkaBatchHandler } from './topics/kafka-client.js'
export { offsetKey, offsetValue } from './topics/kafka-offsets.js'
export { startApiServer, type ApiServer, type ApiServerOptions, type ApiAuth, type Herder } from './rest/server.js'
export { startObserveServer, type ObserveServer, type ObserveServerOptions } from './rest/observe-server.js'
export { createPrometheusMetrics, type PrometheusMetrics } from './metrics/prometheus-metrics.js'
export { METRIC_DEFINITIONS, type MetricDefinition } from './metrics/metric-definitions.js'
export { connectorFigures, type ConnectorFigures } from './metrics/connector-figures.js'
export type { WorkerSample, RebalanceFigures } from './worker/herder.js'
export type { DistributedConfig } from './worker/distributed/distributed-config.js'
