import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { compilePipeline, type StepFunction, type TopicSpec } from '@pipe/dsl'
import type { ConnectorDocument } from '@pipe/dsl/contract'
import type { Diagnostic } from '../diagnostic.js'
import { analyzePipelines, type LoadedPipeline } from '../analyze/analyze-pipelines.js'
import { UserError } from '../errors/user-error.js'
import { assertRunnable } from './runtime-support.js'

/** What `pipe run` starts: every connector of a file's pipelines, their topics and step functions. */
export interface RunPlan {
  readonly file: string
  readonly pipelines: readonly string[]
  readonly connectors: readonly ConnectorDocument[]
  readonly topics: readonly TopicSpec[]
  readonly steps: ReadonlyMap<string, StepFunction>
}

export type LoadResult = { readonly ok: true; readonly plan: RunPlan } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

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
  const connectors: ConnectorDocument[] = []
  const topics: TopicSpec[] = []
  const runnable: (() => void)[] = []
  const compile = (pipeline: LoadedPipeline): readonly Diagnostic[] => {
    const compiled = compilePipeline(pipeline.ir, { target: 'pipe', definitions: pipeline.definitions })
    // no diagnostics: refused only once the pipeline is otherwise valid, as its one line
    if (!compiled.diagnostics.some((d) => d.severity === 'error')) runnable.push(() => { assertRunnable(pipeline, compiled.connectors, cwd) })
    connectors.push(...compiled.connectors)
    topics.push(...compiled.topics)
    return compiled.diagnostics
  }
  const options = { cwd, typeCheck: false, steps: true, each: compile, stdoutToStderr: false, stopAtLoadError: true, internalAsDiagnostic: true }
  const { pipelines, diagnostics } = await analyzePipelines([file], options)
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics }
  for (const check of runnable) check()
  const steps = new Map(pipelines.flatMap((p) => [...(p.steps ?? [])]))
  return { ok: true, plan: { file, pipelines: pipelines.map((p) => p.ir.name), connectors, topics, steps } }
}
