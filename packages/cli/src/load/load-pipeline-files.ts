import { randomBytes } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundlePipelines } from './bundle-pipeline.js'
import { findProjectRoot } from './import-bundle.js'
import { defaultExportDiagnostic, loadPipelineFile, type LoadedFile } from './load-pipeline-file.js'

/** Imports each entry's output of one shared build; an entry that throws is left out (loaded alone later). */
async function importShared(entries: readonly string[], root: string): Promise<ReadonlyMap<string, Record<string, unknown>>> {
  const outDir = join(root, 'node_modules', '.pipe-temp', `shared-${String(process.pid)}-${randomBytes(4).toString('hex')}`)
  const namespaces = new Map<string, Record<string, unknown>>()
  try {
    await mkdir(outDir, { recursive: true })
  } catch {
    return namespaces // node_modules not writable: loadPipelineFile has the fallback and its diagnostic
  }
  try {
    const outputs = await bundlePipelines(entries, outDir, root)
    if (outputs === undefined) return namespaces
    process.setSourceMapsEnabled(true)
    await Promise.all(entries.map(async (entry) => {
      const output = outputs.get(entry)
      if (output === undefined) return
      try {
        namespaces.set(entry, await import(pathToFileURL(output).href) as Record<string, unknown>)
      } catch {
        // threw while loading: loaded again alone, for the diagnostic at the user's file:line
      }
    }))
    return namespaces
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

/**
 * Loads pipeline files as `loadPipelineFile` does, several at once: the files of one project are bundled
 * in one build with shared chunks, so the modules they share (e.g. the pulled plugin modules, through
 * their index.ts) are bundled, parsed and evaluated once, not once per file. A file the shared build or
 * import cannot take is loaded alone, so every diagnostic is the one `loadPipelineFile` gives.
 *
 * @example
 * const loaded = await loadPipelineFiles(['pipelines/a.ts', 'pipelines/b.ts'], isPipeline, process.cwd())
 * loaded.map((file) => file.exports.length) // [1, 1]
 */
export async function loadPipelineFiles(entries: readonly string[], isPipeline: (value: unknown) => boolean, cwd: string): Promise<LoadedFile[]> {
  const roots = new Set(entries.map((entry) => findProjectRoot(entry, cwd)))
  const [root] = roots
  const shared = entries.length > 1 && roots.size === 1 && root !== undefined ? await importShared(entries, root) : new Map<string, Record<string, unknown>>()
  return Promise.all(entries.map(async (entry): Promise<LoadedFile> => {
    const namespace = shared.get(entry)
    if (namespace === undefined) return loadPipelineFile(entry, isPipeline, cwd)
    const invalid = defaultExportDiagnostic(entry, namespace, isPipeline, cwd)
    if (invalid !== undefined) return { file: entry, exports: [], diagnostics: [invalid] }
    const value = namespace['default']
    return { file: entry, exports: Array.isArray(value) ? value : [value], diagnostics: [] }
  }))
}
