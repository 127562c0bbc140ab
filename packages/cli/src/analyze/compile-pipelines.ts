import { compilePipeline } from '@pipe/dsl'
import type { ConnectorDocument } from '@pipe/dsl/contract'
import type { Diagnostic } from '../diagnostic.js'
import type { LoadedPipeline } from './analyze-pipelines.js'

export type CompileTarget = 'kafka-connect' | 'pipe'
export const COMPILE_TARGETS = ['kafka-connect', 'pipe'] as const satisfies readonly CompileTarget[]

export interface CompiledConnector {
  readonly pipeline: LoadedPipeline
  readonly document: ConnectorDocument
}

export interface Compilation {
  readonly connectors: readonly CompiledConnector[]
  readonly diagnostics: readonly Diagnostic[]
  /** Pipelines left out of a Kafka Connect compilation because a connector of theirs runs on pipe only. */
  readonly pipeOnly: readonly LoadedPipeline[]
}

/**
 * A pipeline is meant for pipe only when one of its connectors exists only on the pipe runtime
 * (twitter, datagen). For Kafka Connect such a pipeline is skipped (none of its connectors is
 * written) and it is checked as what it is, a pipe pipeline: its TypeScript steps are fine.
 * A pipeline whose connectors all run on Kafka Connect is meant for it, so a TypeScript step
 * there is an error that names the step's file:line (PIPE_NOT_PORTABLE_STEP).
 */
const isPipeOnly = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.code === 'PIPE_NOT_PORTABLE_CONNECTOR')

/** Compiles every pipeline for `target`, one document per connector (the body of POST /connectors). */
export function compilePipelines(pipelines: readonly LoadedPipeline[], target: CompileTarget): Compilation {
  const connectors: CompiledConnector[] = []
  const diagnostics: Diagnostic[] = []
  const pipeOnly: LoadedPipeline[] = []
  for (const pipeline of pipelines) {
    const compiled = compilePipeline(pipeline.ir, { target, definitions: pipeline.definitions })
    if (target === 'kafka-connect' && isPipeOnly(compiled.diagnostics)) {
      pipeOnly.push(pipeline)
      diagnostics.push(...compilePipeline(pipeline.ir, { target: 'pipe', definitions: pipeline.definitions }).diagnostics)
      continue
    }
    diagnostics.push(...compiled.diagnostics)
    for (const connector of compiled.connectors) {
      connectors.push({ pipeline, document: connector })
    }
  }
  return { connectors, diagnostics, pipeOnly }
}
