import { rm } from 'node:fs/promises'
import { relative } from 'node:path'
import { isErrorCode } from '@pipe/dsl'
import type { Diagnostic, DiagnosticLocation } from '../diagnostic.js'
import { bundlePipeline } from './bundle-pipeline.js'
import { describeValue } from './describe-value.js'
import { createBundleMapper, locateDefaultExport, locateImport, locateInStack, type BundleMapper } from './error-location.js'
import { besideEntryPath, BundleWriteError, claimBundlePath, importBundle, tempModulePath } from './import-bundle.js'
import { fsReason } from '../util/make-directory.js'

export interface LoadedFile {
  readonly file: string
  /** The default export, as an array (a file may export one pipeline or several). */
  readonly exports: readonly unknown[]
  readonly diagnostics: readonly Diagnostic[]
}

interface ErrorLike { readonly code?: unknown; readonly message?: unknown; readonly hint?: unknown; readonly location?: unknown; readonly stack?: unknown }

const fail = (file: string, diagnostics: readonly Diagnostic[]): LoadedFile => ({ file, exports: [], diagnostics })

const isLocation = (value: unknown): value is DiagnosticLocation =>
  typeof value === 'object' && value !== null && 'file' in value && 'line' in value &&
  typeof value.file === 'string' && typeof value.line === 'number'

/** A diagnostic for an exception thrown while importing the bundle, at the user's file:line. */
export function loadErrorDiagnostic(entry: string, inputs: readonly string[], thrown: unknown, cwd: string, bundle?: { path: string; map: BundleMapper }): Diagnostic {
  const error: ErrorLike = typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }
  const message = typeof error.message === 'string' ? error.message : String(thrown)
  const userFiles = new Set(inputs.filter((input) => !input.includes('/node_modules/')))
  const missing = error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
    ? (/Cannot find (?:package|module) '([^']+)'/.exec(message) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json/.exec(message))?.[1]
    : undefined
  if (missing !== undefined) {
    const name = missing.startsWith('/') ? relative(cwd, missing) : missing
    return {
      code: 'PIPE_MODULE_NOT_FOUND',
      severity: 'error',
      message: `cannot find module '${name}'`,
      hint: 'check the import path, or install the package in this project',
      location: locateImport(missing, [...userFiles]) ?? { file: entry, line: 1, column: 1 },
    }
  }
  // errors the dsl raises on purpose (PipeError) keep their code and hint
  if (isErrorCode(error.code)) {
    const location = isLocation(error.location) ? error.location : undefined
    return {
      code: error.code,
      severity: 'error',
      message,
      ...(typeof error.hint === 'string' ? { hint: error.hint } : {}),
      location: location ?? locateInStack(String(error.stack), userFiles, bundle) ?? { file: entry, line: 1, column: 1 },
    }
  }
  const name = thrown instanceof Error ? thrown.name : 'exception'
  return {
    code: 'PIPE_LOAD_FAILED',
    severity: 'error',
    message: `pipeline file threw while loading: ${name}: ${message}`,
    hint: 'a pipeline file runs when it is loaded: fix the statement at this line so it does not throw',
    location: locateInStack(String(error.stack), userFiles, bundle) ?? { file: entry, line: 1, column: 1 },
  }
}

/** Neither node_modules/.pipe-temp nor the pipeline's folder could take the temporary bundle. */
function bundleWriteDiagnostic(entry: string, error: BundleWriteError, cwd: string): Diagnostic {
  const where = error.attempts.map((a) => `'${relative(cwd, a.path)}': ${fsReason(a.code)}`).join('; ')
  return {
    code: 'PIPE_BUNDLE_WRITE_FAILED',
    severity: 'error',
    message: `cannot load ${relative(cwd, entry)}: pipe writes it bundled to a temporary file, and cannot write one (${where})`,
    hint: "make the project's node_modules writable for this user (pipe writes to node_modules/.pipe-temp and deletes the file after loading), or run pipe as the user that installed it",
  }
}

/** Checks that a module's default export is a pipeline or a non-empty array of pipelines. */
export function defaultExportDiagnostic(entry: string, namespace: Record<string, unknown>, isPipeline: (value: unknown) => boolean, cwd: string): Diagnostic | undefined {
  const shown = relative(cwd, entry)
  if (!('default' in namespace)) {
    return {
      code: 'PIPE_NO_DEFAULT_EXPORT',
      severity: 'error',
      message: `${shown} must export default a pipeline (got no default export)`,
      hint: 'add `export default source(...).to(topic(...))` (or an array of pipelines)',
      location: { file: entry, line: 1, column: 1 },
    }
  }
  const value = namespace['default']
  const items: readonly unknown[] = Array.isArray(value) ? value : [value]
  const badIndex = items.findIndex((item) => !isPipeline(item))
  if (items.length > 0 && badIndex < 0) return undefined
  const got = items.length === 0
    ? 'an empty array'
    : Array.isArray(value) ? `array with ${describeValue(items[badIndex])} at index ${String(badIndex)}` : describeValue(value)
  return {
    code: 'PIPE_INVALID_DEFAULT_EXPORT',
    severity: 'error',
    message: `${shown} must export default a pipeline (got ${got})`,
    hint: 'export default the result of source(...)/topic(...) chains, e.g. `export default source(a).to(topic(\'t\')).sink(b)`',
    location: locateDefaultExport(entry),
  }
}

/** Bundles and imports one pipeline file and returns its default export, or why it could not. */
export async function loadPipelineFile(entry: string, isPipeline: (value: unknown) => boolean, cwd: string): Promise<LoadedFile> {
  const preferred = tempModulePath(entry, cwd)
  let tempFile: string
  try {
    // claimed before bundling: the bundle's source map names the user's files relative to where it is
    tempFile = await claimBundlePath([preferred, besideEntryPath(entry, preferred)])
  } catch (error) {
    if (!(error instanceof BundleWriteError)) throw error
    return fail(entry, [bundleWriteDiagnostic(entry, error, cwd)])
  }
  const bundled = await bundlePipeline(entry, tempFile)
  if (!bundled.ok) {
    await rm(tempFile, { force: true })
    return fail(entry, bundled.diagnostics)
  }
  let namespace: Record<string, unknown>
  try {
    namespace = await importBundle(bundled.code, tempFile)
  } catch (thrown) {
    const bundle = { path: tempFile, map: createBundleMapper(bundled.code, tempFile) }
    return fail(entry, [loadErrorDiagnostic(entry, bundled.inputs, thrown, cwd, bundle)])
  }
  const invalid = defaultExportDiagnostic(entry, namespace, isPipeline, cwd)
  if (invalid !== undefined) return fail(entry, [invalid])
  const value = namespace['default']
  return { file: entry, exports: Array.isArray(value) ? value : [value], diagnostics: [] }
}
