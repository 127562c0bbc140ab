import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DiagnosticLocation } from '../diagnostic.js'

const FRAME = /(?:\(|\s)((?:file:\/\/)?\/[^():\s]*|[A-Za-z]:\\[^():]*):(\d+):(\d+)\)?\s*$/

/** A path or file URL as found in a stack trace or source map, as an absolute path. */
export function toFilePath(pathOrUrl: string): string {
  return pathOrUrl.startsWith('file:') ? fileURLToPath(pathOrUrl) : pathOrUrl
}

/** Maps a position in a bundle (1-based) to the user's source through the bundle's inline source map. */
export type BundleMapper = (line: number, column: number) => DiagnosticLocation | undefined

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/

export function createBundleMapper(code: string, bundlePath: string): BundleMapper {
  const base64 = INLINE_MAP.exec(code)?.[1]
  if (base64 === undefined) return () => undefined
  const map = new SourceMap(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as ConstructorParameters<typeof SourceMap>[0])
  return (line, column) => {
    const entry: Partial<{ originalSource: string; originalLine: number; originalColumn: number }> = map.findEntry(line - 1, column - 1)
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined
    const file = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundlePath), entry.originalSource)
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 }
  }
}

/**
 * The first stack frame of `stack` that lies in one of the user's files. Node source-maps stacks
 * (process.setSourceMapsEnabled), so frames name the .ts files; frames still naming the bundle
 * (when a host such as a test runner formats stacks itself) are mapped through `bundle`.
 */
export function locateInStack(stack: string, userFiles: ReadonlySet<string>, bundle?: { path: string; map: BundleMapper }): DiagnosticLocation | undefined {
  for (const line of stack.split('\n')) {
    if (!line.trimStart().startsWith('at ')) continue
    const match = FRAME.exec(line)
    if (match === null) continue
    const [, path = '', lineNo = '', column = ''] = match
    const file = toFilePath(path)
    const location = bundle !== undefined && file === bundle.path
      ? bundle.map(Number(lineNo), Number(column))
      : { file, line: Number(lineNo), column: Number(column) }
    if (location !== undefined && userFiles.has(location.file)) return location
  }
  return undefined
}

/** Where `specifier` is imported in one of `files` (for import failures Node reports without a line). */
export function locateImport(specifier: string, files: readonly string[]): DiagnosticLocation | undefined {
  const quoted = new RegExp(`(['"])${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/[^'"]*)?\\1`)
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n')
    for (const [index, text] of lines.entries()) {
      const match = quoted.exec(text)
      if (match !== null && /\b(import|from|require)\b/.test(text)) {
        return { file, line: index + 1, column: match.index + 1 }
      }
    }
  }
  return undefined
}

/** The line of `export default` in a file (where a wrong default export is reported). */
export function locateDefaultExport(file: string): DiagnosticLocation {
  const lines = readFileSync(file, 'utf8').split('\n')
  const index = lines.findIndex((text) => /^\s*export\s+default\b|\bas\s+default\b/.test(text))
  if (index < 0) return { file, line: 1, column: 1 }
  const text = lines[index] ?? ''
  return { file, line: index + 1, column: text.search(/\S/) + 1 }
}
