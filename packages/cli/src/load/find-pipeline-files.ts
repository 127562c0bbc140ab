import { readdir, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import type { Diagnostic } from '../diagnostic.js'
import { isGeneratedModule } from '../util/generated-mark.js'

export interface FoundFiles {
  /** Absolute paths of the pipeline files, sorted, without duplicates. */
  readonly files: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

const PIPELINE_EXTENSIONS = new Set(['.ts', '.mts', '.tsx'])

/** A pipeline file: TypeScript, not a declaration, not a test, not a `_private.ts` helper. */
export function isPipelineFileName(name: string): boolean {
  if (!PIPELINE_EXTENSIONS.has(extname(name))) return false
  if (name.startsWith('_') || name.startsWith('.')) return false
  return !/\.d\.[cm]?ts$|\.test(-d)?\.[cm]?tsx?$/.test(name)
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const found: string[] = []
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.startsWith('_')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await walk(path)))
    // a module `pipe plugins pull` wrote (connectors/ beside the pipelines) is imported by pipelines, not one itself
    else if (entry.isFile() && isPipelineFileName(entry.name) && !(await isGeneratedModule(path))) found.push(path)
  }
  return found
}

/**
 * Expands the command line's paths (files or folders, relative to `cwd`) into pipeline files.
 * Folders are searched recursively (skipping the modules `pipe plugins pull` wrote); a path that does not exist is a PIPE_FILE_NOT_FOUND diagnostic.
 */
export async function findPipelineFiles(paths: readonly string[], cwd: string): Promise<FoundFiles> {
  const files = new Set<string>()
  const diagnostics: Diagnostic[] = []
  for (const given of paths) {
    const path = resolve(cwd, given)
    const info = await stat(path).catch(() => undefined)
    if (info === undefined) {
      diagnostics.push({
        code: 'PIPE_FILE_NOT_FOUND',
        severity: 'error',
        message: `no such file or folder '${given}'`,
        hint: 'pass pipeline files or folders that exist (default: pipelines/)',
      })
    } else if (info.isDirectory()) {
      for (const file of await walk(path)) files.add(file)
    } else {
      files.add(path)
    }
  }
  if (files.size === 0 && diagnostics.length === 0) {
    diagnostics.push({
      code: 'PIPE_NO_PIPELINES',
      severity: 'error',
      message: `no pipeline files found in ${paths.map((p) => `'${p}'`).join(', ')}`,
      hint: 'add a .ts file whose default export is a pipeline, e.g. pipelines/orders.ts',
    })
  }
  return { files: [...files].sort(), diagnostics }
}
