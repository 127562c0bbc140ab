import { isAbsolute, join, relative, resolve } from 'node:path'
import type { ConnectorDocument } from '@pipe/dsl/contract'
import type { Diagnostic } from '../diagnostic.js'
import { UserError } from '../errors/user-error.js'
import { fsReason, makeDirectory, MakeDirectoryError } from '../util/make-directory.js'
import { writeFileWhole } from '../util/write-file-whole.js'

/** A copy of a JSON value whose object keys are sorted at every level (stable, diffable output). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]))
}

/** The file text of a connector document: sorted keys, two-space indent, trailing newline. */
export function formatDocument(document: ConnectorDocument): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Problems that would make the written files wrong: unsafe file names, two connectors in one file. */
export function outputDiagnostics(documents: readonly ConnectorDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const seen = new Set<string>()
  for (const { name } of documents) {
    if (!SAFE_NAME.test(name)) {
      diagnostics.push({ code: 'PIPE_OUTPUT_CONFLICT', severity: 'error', connector: name,
        message: `connector name '${name}' cannot be a file name`, hint: 'use letters, digits, dots, dashes and underscores in pipeline and connector names' })
    } else if (seen.has(name.toLowerCase())) {
      diagnostics.push({ code: 'PIPE_OUTPUT_CONFLICT', severity: 'error', connector: name,
        message: `two connectors would be written to '${name}.json'`, hint: 'give the pipelines or connectors distinct names' })
    }
    seen.add(name.toLowerCase())
  }
  return diagnostics
}

const OUT_HINT = 'pass --out a folder this user can write (it is created when missing), e.g. --out build/connect'

/**
 * Writes `<out>/<connector-name>.json` per document and returns the absolute paths written.
 * A folder that cannot be made or a file that cannot be written is a UserError naming the path.
 */
export async function writeConnectorConfigs(documents: readonly ConnectorDocument[], outDir: string, cwd: string): Promise<string[]> {
  const dir = resolve(cwd, outDir)
  const shown = (path: string): string => {
    const inside = relative(cwd, path)
    return inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside
  }
  try {
    await makeDirectory(dir)
  } catch (error) {
    if (!(error instanceof MakeDirectoryError)) throw error
    throw new UserError('PIPE_OUTPUT_FAILED', `cannot write connector configs to --out '${outDir}': '${shown(error.path)}': ${fsReason(error.code)}`, OUT_HINT)
  }
  const written: string[] = []
  for (const document of documents) {
    const path = join(dir, `${document.name}.json`)
    try {
      await writeFileWhole(path, formatDocument(document))
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined
      const reason = code === 'EISDIR' ? 'it is a folder, not a file (EISDIR)' : fsReason(code)
      throw new UserError('PIPE_OUTPUT_FAILED', `cannot write '${shown(path)}': ${reason}`, OUT_HINT)
    }
    written.push(path)
  }
  return written
}
