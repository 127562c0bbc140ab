import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { compilePipeline, isPipeline, lowerPipeline, validatePipeline, validateProject, type Pipeline, type PipelineIR, type StepFunction, type TopicSpec } from '@pipe/dsl'
import type { ConnectorDefinition } from '@pipe/runtime'
import type { Diagnostic } from '../diagnostic.js'
import { loadErrorDiagnostic, loadPipelineFile } from '../load/load-pipeline-file.js'
import { UserError } from './user-error.js'

/** What `pipe run` starts: every connector of a file's pipelines, their topics and step functions. */
export interface RunPlan {
  readonly file: string
  readonly pipelines: readonly string[]
  readonly connectors: readonly ConnectorDefinition[]
  readonly topics: readonly TopicSpec[]
  readonly steps: ReadonlyMap<string, StepFunction>
}

export type LoadResult = { readonly ok: true; readonly plan: RunPlan } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

const defaultName = (file: string): string => basename(file).replace(/\.[^.]+$/, '')

async function assertFile(given: string, path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (info?.isFile() === true) return
  const what = info === undefined ? 'no such pipeline file' : 'not a file'
  throw new UserError('PIPE_FILE_NOT_FOUND', `${what} '${given}'`, 'pass a .ts file whose default export is a pipeline, e.g. pipe run pipelines/quickstart.ts')
}

/** Loads (esbuild, as `pipe check`), validates and compiles for the pipe runtime; no type-check. */
export async function loadRunPlan(given: string, cwd: string): Promise<LoadResult> {
  const file = resolve(cwd, given)
  await assertFile(given, file)
  const loaded = await loadPipelineFile(file, isPipeline, cwd)
  if (loaded.diagnostics.length > 0) return { ok: false, diagnostics: loaded.diagnostics }
  const diagnostics: Diagnostic[] = []
  const connectors: ConnectorDefinition[] = []
  const topics: TopicSpec[] = []
  const steps = new Map<string, StepFunction>()
  const names: string[] = []
  const irs: PipelineIR[] = []
  for (const value of loaded.exports) {
    const options = { defaultName: defaultName(file) }
    try {
      const pipeline = value as Pipeline // checked by isPipeline in loadPipelineFile
      const { ir, steps: functions } = lowerPipeline(pipeline, options)
      diagnostics.push(...validatePipeline(ir))
      const compiled = compilePipeline(ir, { target: 'pipe' })
      diagnostics.push(...compiled.diagnostics)
      connectors.push(...compiled.connectors)
      topics.push(...compiled.topics)
      for (const [id, fn] of functions) steps.set(id, fn)
      names.push(ir.name)
      irs.push(ir)
    } catch (error) {
      diagnostics.push(loadErrorDiagnostic(file, [file], error, cwd))
    }
  }
  diagnostics.push(...validateProject(irs))
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  return { ok: true, plan: { file, pipelines: names, connectors, topics, steps } }
}
