import { mkdir, open, stat } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { sinkFileError } from '@pipe/runtime'
import { shellQuote } from '../util/shell-quote.js'
import type { RunPlan } from './load-run-pipelines.js'
import type { Target } from './run-options.js'

/** Where the records went, for the closing lines: output files and topics. */
export interface RunOutputs {
  readonly files: readonly string[]
  readonly topics: readonly string[]
  /** Options `pipe consume` needs to read the same store (`--state-dir x` / `--bootstrap-servers y`). */
  readonly consumeArgs: string
}

const FILE_SINK = /FileStreamSink(Connector)?$/

/** Each file sink's file: as configured, and resolved against the working directory. */
const sinkFiles = (plan: RunPlan, cwd: string): { file: string; path: string }[] =>
  plan.connectors.flatMap((c) => {
    const file = c.config['file']
    return FILE_SINK.test(c.config['connector.class'] ?? '') && file !== undefined && file !== '' ? [{ file, path: resolve(cwd, file) }] : []
  })

const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined)

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns for a path under /proc
 * (ENOENT there sends it back to the parent, which exists, again and again).
 */
async function makeDirectories(dir: string, file: string): Promise<void> {
  const missing: string[] = []
  for (let at = dir; ; at = dirname(at)) {
    const found = await stat(at).catch((error: unknown) => {
      if (codeOf(error) !== 'ENOENT' || dirname(at) === at) throw sinkFileError(file, error)
      return undefined
    })
    if (found?.isDirectory() === true) break
    if (found !== undefined) throw sinkFileError(file, { code: 'ENOTDIR' })
    missing.unshift(at)
  }
  for (const at of missing) {
    await mkdir(at).catch((error: unknown) => {
      if (codeOf(error) !== 'EEXIST') throw sinkFileError(file, error)
    })
  }
}

/**
 * Creates the folders file sinks write into (a fresh checkout has no build/) and checks that each
 * file can be opened for appending, so a path pipe cannot write is one line before anything runs.
 */
export async function prepareOutputs(plan: RunPlan, cwd: string): Promise<void> {
  for (const { file, path } of sinkFiles(plan, cwd)) {
    await makeDirectories(dirname(path), file)
    try {
      await (await open(path, 'a')).close()
    } catch (error) {
      throw sinkFileError(file, error)
    }
  }
}

/** The files a plan's file sinks write and the topics it uses, and how `pipe consume` reaches them. */
export function runOutputs(plan: RunPlan, target: Target, cwd: string): RunOutputs {
  const files = sinkFiles(plan, cwd).map(({ path }) => relative(cwd, path))
  const topics = [...new Set(plan.topics.map((t) => t.name))]
  // shell-quoted: users paste it (a state dir may hold spaces or quotes)
  const clientConfig = target.kind === 'kafka' && target.client !== undefined ? ` --client-config ${shellQuote(target.client.file)}` : ''
  const consumeArgs = target.kind === 'kafka' ? ` --bootstrap-servers ${shellQuote(target.brokers.join(','))}${clientConfig}` : target.stateDir === '.pipe' ? '' : ` --state-dir ${shellQuote(target.stateDir)}`
  return { files, topics, consumeArgs }
}
