/**
 * `@pipe/dsl/contract`: what the compiler, pipe's runtime and its CLI share, declared once: the compiled
 * connector document, Kafka Connect's REST shapes, class names, and the sink consumer group's name.
 * Plain types and constants; it imports nothing else of `@pipe/dsl`.
 *
 * @example
 * ```ts
 * import { sinkConsumerGroup, FILE_STREAM_CLASSES, type ConnectorDocument } from '@pipe/dsl/contract'
 * ```
 */
export { sinkConsumerGroup, type ConnectorConfig, type ConnectorDocument } from './connector-document.js'
export {
  CONNECT_STATES, type ConnectState, type TargetState, type ConnectorType, type TaskStatus, type ConnectorStatus,
  type ConnectorInfo, type TaskInfo, type OffsetEntry, type OffsetsBody,
} from './rest-shapes.js'
export {
  PIPE_CONNECTOR_CLASSES, PIPE_TRANSFORM_CLASSES, FILE_STREAM_CLASSES, KEYED_SMT_CLASSES, UNKEYED_SMT_CLASSES, STEPLESS_SMT_CLASSES,
  SMT_CLASSES, PREDICATE_CLASSES, CONVERTER_CLASSES, PLUGIN_CONNECTOR_CLASSES,
} from './class-names.js'
