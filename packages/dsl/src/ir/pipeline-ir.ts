import type { Edge, PipelineNode } from './nodes.js'

/**
 * The IR schema version this package reads and writes.
 *
 * @example
 * ```ts
 * ir.schemaVersion === IR_SCHEMA_VERSION
 * ```
 */
export const IR_SCHEMA_VERSION = 1

/**
 * A pipeline as plain JSON data: what builders produce and compilers, planners and runtimes consume.
 *
 * @example
 * ```ts
 * const ir: PipelineIR = toPipelineIR(pipeline, { defaultName: 'twitter' })
 * JSON.parse(JSON.stringify(ir)) // deep-equals ir
 * ```
 */
export interface PipelineIR {
  readonly schemaVersion: typeof IR_SCHEMA_VERSION
  readonly name: string
  /** The engine the pipeline is meant for, when declared with `.target()`. */
  readonly target?: 'kafka-connect' | 'pipe'
  readonly nodes: readonly PipelineNode[]
  readonly edges: readonly Edge[]
}
