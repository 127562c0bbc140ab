// The dsl's entry points over a JSON IR of built-in connectors, for unit tests written before
// definitions travelled with the pipeline: each takes the built-ins' catalog of the IR
// (builtinCatalog), as a caller with only a JSON IR does.
import { compilePipeline as compile, type CompileOptions } from '../compile/compile-pipeline.js'
import type { CompileResult } from '../compile/artifact.js'
import { locateConfigKey as locate, type ConfigKeyOrigin } from '../compile/kafka-connect/locate-config-key.js'
import { builtinCatalog } from '../connectors/registry.js'
import type { Diagnostic } from '../diagnostics.js'
import type { PipelineIR } from '../ir/pipeline-ir.js'
import { validatePipeline as validate } from '../validate/validate.js'
import { validateProject as validateAll } from '../validate/validate-project.js'

export function compilePipeline(ir: PipelineIR, options: Omit<CompileOptions, 'definitions'> = {}): CompileResult {
  return compile(ir, { ...options, definitions: builtinCatalog(ir) })
}

export function validatePipeline(ir: PipelineIR): Diagnostic[] {
  return validate(ir, { definitions: builtinCatalog(ir) })
}

export function validateProject(irs: readonly PipelineIR[]): Diagnostic[] {
  return validateAll(irs.map((ir) => ({ ir, definitions: builtinCatalog(ir) })))
}

export function locateConfigKey(ir: PipelineIR, connector: string, key: string): ConfigKeyOrigin | undefined {
  return locate(ir, connector, key, builtinCatalog(ir))
}
