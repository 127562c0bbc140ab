import { isPipeline, PipeError, toPipelineIR, validatePipeline, validateProject, type PipelineIR } from '@pipe/dsl'
import type { Diagnostic } from '../diagnostic.js'
import { findPipelineFiles } from '../load/find-pipeline-files.js'
import { loadErrorDiagnostic, loadPipelineFile } from '../load/load-pipeline-file.js'
import { withStdoutToStderr } from '../load/redirect-stdout.js'
import { typeCheck } from '../load/type-check.js'

export interface LoadedPipeline {
  readonly file: string
  readonly ir: PipelineIR
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
}

const defaultName = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')

function toIR(file: string, value: unknown, cwd: string): { ir?: PipelineIR; diagnostics: readonly Diagnostic[] } {
  try {
    const ir = toPipelineIR(value as Parameters<typeof toPipelineIR>[0], { defaultName: defaultName(file) }) // checked by isPipeline
    return { ir, diagnostics: validatePipeline(ir) }
  } catch (error) {
    if (PipeError.is(error) && error.source === 'internal') throw error
    return { diagnostics: [loadErrorDiagnostic(file, [file], error, cwd)] }
  }
}

/**
 * Everything `pipe check` and `pipe compile` know before compiling: the files, their type errors,
 * the pipelines they export as IR, and the diagnostics of each pipeline and of the project.
 */
export async function analyzePipelines(paths: readonly string[], options: AnalyzeOptions): Promise<Analysis> {
  const { cwd } = options
  const found = await findPipelineFiles(paths, cwd)
  const diagnostics: Diagnostic[] = [...found.diagnostics]
  const typeDiagnostics = options.typeCheck ? typeCheck(found.files) : []
  diagnostics.push(...typeDiagnostics)
  const unparsable = new Set(typeDiagnostics.flatMap((d) => (d.code === 'PIPE_SYNTAX_ERROR' && d.location ? [d.location.file] : [])))
  const loadable = found.files.filter((file) => !unparsable.has(file))
  const loaded = await withStdoutToStderr(() => Promise.all(loadable.map((file) => loadPipelineFile(file, isPipeline, cwd))))
  const pipelines: LoadedPipeline[] = []
  for (const file of loaded) {
    diagnostics.push(...file.diagnostics)
    for (const value of file.exports) {
      const result = toIR(file.file, value, cwd)
      diagnostics.push(...result.diagnostics)
      if (result.ir !== undefined) pipelines.push({ file: file.file, ir: result.ir })
    }
  }
  diagnostics.push(...validateProject(pipelines.map((p) => p.ir)))
  return { files: found.files, pipelines, diagnostics }
}
