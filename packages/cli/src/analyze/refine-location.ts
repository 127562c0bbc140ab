import type { Diagnostic, DiagnosticLocation } from '../diagnostic.js'
import { locateDefaultExport } from '../load/error-location.js'
import { absoluteFile, createSourceReader, type SourceReader } from '../util/source-file.js'

const OPTION_CODES = new Set(['PIPE_LITERAL_SECRET', 'PIPE_INVALID_OPTION', 'PIPE_UNKNOWN_OPTION', 'PIPE_CONNECT_INVALID_CONFIG'])

interface Segment { readonly line: number; readonly start: number; readonly text: string }

/** The text of the argument list of the call at `from`, line by line (parentheses in strings are not special-cased). */
function callSegments(lines: readonly string[], from: DiagnosticLocation): Segment[] {
  const segments: Segment[] = []
  let depth = 0
  for (let index = from.line - 1; index < Math.min(lines.length, from.line + 60); index++) {
    const text = lines[index] ?? ''
    let segStart = depth > 0 ? 0 : -1
    for (let col = index === from.line - 1 ? from.column - 1 : 0; col < text.length; col++) {
      const char = text[col]
      if (char === '(' && depth++ === 0) segStart = col + 1
      if (char === ')' && --depth === 0) {
        segments.push({ line: index + 1, start: segStart, text: text.slice(segStart, col) })
        return segments
      }
    }
    if (segStart >= 0) segments.push({ line: index + 1, start: segStart, text: text.slice(segStart) })
  }
  return segments
}

/** The position of `name:` inside the argument list of the call that starts at `from`. */
function findOptionInCall(lines: readonly string[], from: DiagnosticLocation, name: string): DiagnosticLocation | undefined {
  const key = new RegExp(`(^|[\\s{,])(['"]?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2\\s*:`)
  for (const segment of callSegments(lines, from)) {
    const match = key.exec(segment.text)
    if (match !== null) return { file: from.file, line: segment.line, column: segment.start + match.index + (match[1] ?? '').length + 1 }
  }
  return undefined
}

/** The first line of `file` that contains one of the values quoted in `message`, as a string literal. */
function findQuotedValue(lines: readonly string[], file: string, message: string): DiagnosticLocation | undefined {
  for (const [, value = ''] of message.matchAll(/'([^']+)'/g)) {
    for (const [index, text] of lines.entries()) {
      const column = Math.max(text.indexOf(`'${value}'`), text.indexOf(`"${value}"`))
      if (column >= 0) return { file, line: index + 1, column: column + 1 }
    }
  }
  return undefined
}

/**
 * Sharpens where a dsl diagnostic points: an option's problem at the option (`password: '...'`)
 * rather than at the connector call, and a diagnostic without location (e.g. an invalid
 * `.named()` value) at the quoted value in the pipeline's file, else at its default export.
 */
export function refineLocation(diagnostic: Diagnostic, pipelineFile: string, read: SourceReader, fallback: DiagnosticLocation): Diagnostic {
  const location = diagnostic.location
  if (location === undefined) {
    const lines = read(pipelineFile)
    return { ...diagnostic, location: (lines && findQuotedValue(lines, pipelineFile, diagnostic.message)) ?? fallback }
  }
  const option = OPTION_CODES.has(diagnostic.code) ? /option '([^']+)'/.exec(diagnostic.message)?.[1] : undefined
  const lines = option === undefined ? undefined : read(absoluteFile(location.file))
  if (option === undefined || lines === undefined) return diagnostic
  const at = findOptionInCall(lines, { ...location, file: absoluteFile(location.file) }, option)
  return at === undefined ? diagnostic : { ...diagnostic, location: at }
}

/** {@link refineLocation} for every diagnostic that names one of `pipelines` (by name or location). */
export function refineDiagnostics(diagnostics: readonly Diagnostic[], pipelines: readonly { readonly file: string; readonly ir: { readonly name: string } }[]): Diagnostic[] {
  const read = createSourceReader()
  const fileOf = new Map(pipelines.map((p) => [p.ir.name, p.file]))
  return diagnostics.map((diagnostic) => {
    const file = diagnostic.location === undefined && diagnostic.pipeline !== undefined ? fileOf.get(diagnostic.pipeline) : diagnostic.location?.file
    if (file === undefined || diagnostic.code === 'PIPE_TYPE_ERROR' || diagnostic.code === 'PIPE_SYNTAX_ERROR') return diagnostic
    return refineLocation(diagnostic, absoluteFile(file), read, locateDefaultExport(absoluteFile(file)))
  })
}
