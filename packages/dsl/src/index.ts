/**
 * `@pipe/dsl`: typed builders for Kafka Connect pipelines, the plain-data IR they produce,
 * connector definitions (from `@pipe/dsl/connectors`) and the compiler to Kafka Connect configs.
 *
 * @example
 * ```ts
 * import { source, topic, env, isPipeline, toPipelineIR, validatePipeline, compilePipeline } from '@pipe/dsl'
 * ```
 */
export { DSL_VERSION } from './version.js'

// builders
export { source, topic } from './builder/source.js'
export { env, secret } from './builder/secret.js'
export { topicNameMatches, hasHeaderKey, recordIsTombstone, not, type Predicate } from './builder/predicate.js'
export { pipeline, isPipeline, type Pipeline, type PipelineExport } from './builder/pipeline.js'
export type { Stream, Topic, TopicStream, Untyped, Side, TopicCheck, SinkCheck } from './builder/stream.js'
export type * from './builder/step-types.js'
export type { PipeTypeError } from './builder/type-utils.js'
export type { StepFunction } from './builder/chain.js'
export { lowerPipeline, toPipelineIR, getStepFunctions, type LoweredPipeline, type ToPipelineIROptions } from './builder/to-pipeline-ir.js'

// IR
export { IR_SCHEMA_VERSION, type PipelineIR } from './ir/pipeline-ir.js'
export { isSecret, secretPlaceholder, type Secret } from './ir/secret.js'
export type {
  PipelineNode, SourceNode, TopicNode, TransformNode, SinkNode, Edge, NodeId, ErrorPolicy,
  ConnectorSettings, InitialState, TopicOptions, RecordFormat,
} from './ir/nodes.js'
export type { StepIR, PortableStepIR, PluginStepIR, CodeStepIR, PredicateIR, BuiltinPredicateIR, PluginPredicateIR, CastType, TimestampTargetType } from './ir/steps.js'
export type { JsonValue, JsonObject } from './ir/json.js'
export { parsePipelineIR } from './ir/parse-pipeline-ir.js'
export { NODE_KINDS } from './ir/nodes.js'
export { PORTABLE_STEP_TYPES, CAST_TYPES, TIMESTAMP_TARGET_TYPES } from './ir/steps.js'
export { assertNever, indexGraph, pathFromSource, pathToSink, type IrGraph, type SourcePath } from './ir/visit.js'
export { validatePipeline, type ValidateOptions } from './validate/validate.js'
export { validateProject, type ProjectPipeline } from './validate/validate-project.js'
export { definitionCatalog, type DefinitionCatalog } from './connectors/catalog.js'

// compilation
export { compilePipeline, type CompileOptions } from './compile/compile-pipeline.js'
export { ARTIFACT_SCHEMA_VERSION, sortKeys, parseConnectorConfig, type CompileResult, type CompileTarget, type TopicSpec } from './compile/artifact.js'
export { SMT_CLASSES, PREDICATE_CLASSES } from './compile/kafka-connect/transforms.js'

// the contract shared with @pipe/runtime and @pipe/cli (also `@pipe/dsl/contract`)
export {
  PIPE_CONNECTOR_CLASSES, PIPE_TRANSFORM_CLASSES, FILE_STREAM_CLASSES, KEYED_SMT_CLASSES, UNKEYED_SMT_CLASSES, STEPLESS_SMT_CLASSES,
  CONVERTER_CLASSES, PLUGIN_CONNECTOR_CLASSES, sinkConsumerGroup, type ConnectorDocument,
} from './contract/index.js'
export { connectorNames, isValidName, isValidTopicName } from './ir/naming.js'
export { locateConfigKey, type ConfigKeyOrigin } from './compile/kafka-connect/locate-config-key.js'
export { PIPE_PIPELINE_KEY } from './compile/kafka-connect/to-connector-config.js'
export { converterConfig } from './compile/kafka-connect/converters.js'
export { errorPolicyConfig } from './compile/kafka-connect/error-policy.js'
export { planDeployment, maskValue, HIDDEN, type DeploymentPlan, type PlanAction, type PlanActionType, type ConfigChange, type LiveConnector, type PlanOptions } from './compile/kafka-connect/plan-deployment.js'

// errors and diagnostics
export { PipeError, type PipeErrorOptions } from './errors.js'
export { ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.js'
export { diagnostic, hasErrors, type Diagnostic, type SourceLocation } from './diagnostics.js'
