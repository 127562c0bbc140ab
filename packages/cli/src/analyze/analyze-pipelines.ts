import { isPipeline, lowerPipeline, PipeError, validatePipeline, validateProject, type DefinitionCatalog, type Pipeline, type PipelineIR, type StepFunction } from '@pipe/dsl'
import type { Diagnostic } from '../diagnostic.js'
import { findPipelineFiles } from '../load/find-pipeline-files.js'
import { loadErrorDiagnostic, type LoadedFile } from '../load/load-pipeline-file.js'
import { loadPipelineFiles } from '../load/load-pipeline-files.js'
import { withStdoutToStderr } from '../load/redirect-stdout.js'

export interface LoadedPipeline {
  readonly file: string
  readonly ir: PipelineIR
  /** The definitions its nodes were built with (connectors, plugin SMTs and predicates): what validation and compilation read. */
  readonly definitions: DefinitionCatalog
  /** The in-process step functions by id; only with `steps: true` (what `pipe run` needs). */
  readonly steps?: ReadonlyMap<string, StepFunction>
}

export interface Analysis {
  readonly files: readonly string[]
  readonly pipelines: readonly LoadedPipeline[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface AnalyzeOptions {
  readonly cwd: string
  /** Run the TypeScript checker over the files (what `pipe check` does; slower than the rest). */
  readonly typeCheck: boolean
  /** Also take each pipeline's step functions (`pipe run`). @default false */
  readonly steps?: boolean
  /**
   * Called for each pipeline after its validation, its diagnostics added right after that
   * pipeline's (`pipe run` compiles it here). What it throws is a load error of the file, and the
   * pipeline is left out.
   */
  readonly each?: (pipeline: LoadedPipeline) => readonly Diagnostic[]
  /** Send what pipeline modules print while loading to stderr, so stdout stays the command's. @default true */
  readonly stdoutToStderr?: boolean
  /** A file that fails to load ends the analysis with its diagnostics alone (`pipe run`). @default false */
  readonly stopAtLoadError?: boolean
  /** An internal PipeError while lowering a pipeline is a load diagnostic, not a crash (`pipe run`). @default false */
  readonly internalAsDiagnostic?: boolean
}

const defaultName = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')

/** One export of a file as IR (and step functions), validated, then given to `each`. */
function lower(file: string, value: unknown, options: AnalyzeOptions): { pipeline?: LoadedPipeline; diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  try {
    const pipeline = value as Pipeline // checked by isPipeline in loadPipelineFile
    const { ir, steps, definitions } = lowerPipeline(pipeline, { defaultName: defaultName(file) })
    const loaded: LoadedPipeline = options.steps === true ? { file, ir, definitions, steps } : { file, ir, definitions }
    diagnostics.push(...validatePipeline(ir, { definitions }))
    if (options.each !== undefined) diagnostics.push(...options.each(loaded))
    return { pipeline: loaded, diagnostics }
  } catch (error) {
    if (PipeError.is(error) && error.source === 'internal' && options.internalAsDiagnostic !== true) throw error
    return { diagnostics: [...diagnostics, loadErrorDiagnostic(file, [file], error, options.cwd)] }
  }
}

/**
 * Everything `pipe check`, `pipe compile`, `pipe plan` and `pipe run` know before compiling: the
 * files, their type errors, the pipelines they export as IR, and the diagnostics of each pipeline
 * and of the project. The one loader of pipeline files.
 */
export async function analyzePipelines(paths: readonly string[], options: AnalyzeOptions): Promise<Analysis> {
  const { cwd } = options
  const found = await findPipelineFiles(paths, cwd)
  const diagnostics: Diagnostic[] = [...found.diagnostics]
  // loaded on use: ts-morph (the TypeScript compiler) costs `pipe run`, which does not type-check, ~0.5 s and ~55 MiB
  const typeDiagnostics = options.typeCheck ? (await import('../load/type-check.js')).typeCheck(found.files) : []
  diagnostics.push(...typeDiagnostics)
  const unparsable = new Set(typeDiagnostics.flatMap((d) => (d.code === 'PIPE_SYNTAX_ERROR' && d.location ? [d.location.file] : [])))
  const loadable = found.files.filter((file) => !unparsable.has(file))
  const load = (): Promise<LoadedFile[]> => loadPipelineFiles(loadable, isPipeline, cwd)
  const loaded = options.stdoutToStderr === false ? await load() : await withStdoutToStderr(load)
  const failed = loaded.flatMap((file) => file.diagnostics)
  if (options.stopAtLoadError === true && failed.length > 0) return { files: found.files, pipelines: [], diagnostics: [...diagnostics, ...failed] }
  const pipelines: LoadedPipeline[] = []
  for (const file of loaded) {
    diagnostics.push(...file.diagnostics)
    for (const value of file.exports) {
      const result = lower(file.file, value, options)
      diagnostics.push(...result.diagnostics)
      if (result.pipeline !== undefined) pipelines.push(result.pipeline)
    }
  }
  diagnostics.push(...validateProject(pipelines))
  return { files: found.files, pipelines, diagnostics }
}
