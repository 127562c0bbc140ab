import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type BuildFailure, type BuildOptions, type Message, type Plugin } from 'esbuild'
import type { Diagnostic } from '../diagnostic.js'

export type BundleResult =
  | { readonly ok: true; readonly code: string; readonly inputs: readonly string[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

/**
 * `@pipe/*` imports resolve from the user's file when the project installs them, else from the
 * CLI's own dependencies, so pipelines in any folder of a project (fixtures included) load.
 * They stay external: the pipeline and the CLI share one `@pipe/dsl` instance.
 */
const pipePackages: Plugin = {
  name: 'pipe-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@pipe\// }, ({ path, importer }) => {
      for (const base of [importer, import.meta.url]) {
        try {
          return { path: pathToFileURL(createRequire(base).resolve(path)).href, external: true }
        } catch {
          // not installed there: try the next place, then let Node report it
        }
      }
      // esbuild reports this at the import statement, like any import it cannot resolve
      return { errors: [{ text: `Could not resolve "${path}"` }] }
    })
  },
}

/** What every pipeline bundle shares: one ESM file per entry for Node 20, packages left to Node. */
const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  // Node maps stack traces with the mappings alone: the sources' text would only double every bundle
  // (a pipeline importing pulled modules through their index.ts bundles about 300 KB of them)
  sourcesContent: false,
  metafile: true,
  packages: 'external',
  logLevel: 'silent',
  plugins: [pipePackages],
} as const satisfies BuildOptions

const isBuildFailure = (error: unknown): error is BuildFailure =>
  error instanceof Error && 'errors' in error && Array.isArray(error.errors)

function toDiagnostic(message: Message, workingDir: string, entry: string): Diagnostic {
  const location = message.location
  const code = /^Could not resolve/.test(message.text)
    ? 'PIPE_MODULE_NOT_FOUND'
    : /^(Expected|Unexpected|Unterminated|Invalid|Syntax)/.test(message.text) ? 'PIPE_SYNTAX_ERROR' : 'PIPE_LOAD_FAILED'
  const hint = code === 'PIPE_MODULE_NOT_FOUND' ? 'check the import path, or install the package' : undefined
  return {
    code,
    severity: 'error',
    message: message.text.replace(/^./, (c) => c.toLowerCase()),
    ...(hint === undefined ? {} : { hint }),
    location: location === null
      ? { file: entry, line: 1, column: 1 }
      : { file: resolve(workingDir, location.file), line: location.line, column: location.column + 1 },
  }
}

/**
 * Bundles one pipeline file as Vite bundles config files: ESM for Node, packages external,
 * an inline source map whose sources are relative to `outFile` (so stack traces point at the
 * user's .ts), and the list of the user's files it contains.
 */
export async function bundlePipeline(entry: string, outFile: string): Promise<BundleResult> {
  const workingDir = dirname(entry)
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: workingDir,
      outfile: outFile,
      ...BUNDLE_OPTIONS,
      write: false,
    })
    const output = result.outputFiles.find((file) => file.path.endsWith('.mjs')) ?? result.outputFiles[0]
    if (output === undefined) throw new Error(`esbuild produced no output for ${entry}`)
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input))
    return { ok: true, code: output.text, inputs }
  } catch (error) {
    if (!isBuildFailure(error)) throw error
    return { ok: false, diagnostics: error.errors.map((message) => toDiagnostic(message, workingDir, entry)) }
  }
}

/**
 * Bundles several pipeline files in one esbuild build with shared chunks, written into `outDir`:
 * modules they share (pulled plugin modules, the user's helpers) are bundled once instead of once
 * per file. Returns each entry's output file, or undefined when the build fails (the caller then
 * bundles the files one by one, which gives each broken file its own diagnostics).
 *
 * @example
 * const outputs = await bundlePipelines(['/p/a.ts', '/p/b.ts'], '/p/node_modules/.pipe-temp/shared-1', '/p')
 * outputs?.get('/p/a.ts') // '/p/node_modules/.pipe-temp/shared-1/a-XXXXXXXX.mjs'
 */
export async function bundlePipelines(entries: readonly string[], outDir: string, workingDir: string): Promise<ReadonlyMap<string, string> | undefined> {
  try {
    const result = await build({
      entryPoints: [...entries],
      absWorkingDir: workingDir,
      outdir: outDir,
      entryNames: '[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      ...BUNDLE_OPTIONS,
      splitting: true,
      write: true,
    })
    const outputs = new Map<string, string>()
    for (const [output, info] of Object.entries(result.metafile.outputs)) {
      if (info.entryPoint !== undefined) outputs.set(resolve(workingDir, info.entryPoint), resolve(workingDir, output))
    }
    return entries.every((entry) => outputs.has(entry)) ? outputs : undefined
  } catch (error) {
    if (!isBuildFailure(error)) throw error
    return undefined
  }
}
