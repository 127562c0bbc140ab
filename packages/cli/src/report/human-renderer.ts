import type { Diagnostic } from '../diagnostic.js'
import { absoluteFile, createSourceReader } from '../util/source-file.js'
import { codeFrame } from './code-frame.js'
import { displayPath } from './normalize.js'
import { printable } from './printable.js'

export interface RenderOptions {
  readonly cwd: string
  readonly color: boolean
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001b[${String(code)}m${text}\u001b[0m` : text)

/** One diagnostic as tsc prints it: `file:line:col error CODE: message`, a code frame, the fix. */
export function renderDiagnostic(
  diagnostic: Diagnostic,
  options: RenderOptions,
  read = createSourceReader(),
  secretLines: ReadonlyMap<string, ReadonlySet<number>> = new Map(),
): string {
  const { color, cwd } = options
  const severity = paint(color, diagnostic.severity === 'error' ? 31 : 33, diagnostic.severity)
  const [first = '', ...rest] = printable(diagnostic.message).split('\n')
  const location = diagnostic.location
  const where = location === undefined
    ? ''
    : `${paint(color, 36, displayPath(location.file, cwd))}:${String(location.line)}:${String(location.column)} `
  const context = [diagnostic.pipeline === undefined ? '' : `pipeline '${diagnostic.pipeline}'`,
    diagnostic.connector === undefined ? '' : `connector '${diagnostic.connector}'`].filter((s) => s !== '')
  const lines = [`${where}${severity} ${paint(color, 90, diagnostic.code)}: ${first}`]
  lines.push(...rest.map((text) => `  ${text}`))
  if (context.length > 0 && location === undefined) lines.push(`  in ${context.join(', ')}`)
  const source = location === undefined ? undefined : read(absoluteFile(location.file))
  if (location !== undefined && source !== undefined && location.line <= source.length) {
    lines.push(codeFrame(source, location.line, location.column, diagnostic.code === 'PIPE_LITERAL_SECRET' || (secretLines.get(location.file) ?? false)))
  }
  if (diagnostic.hint !== undefined) lines.push(`  fix: ${printable(diagnostic.hint)}`)
  return `${lines.join('\n')}\n`
}

/** The closing line, as tsc's: `Found 3 errors in 2 files.` */
export function renderSummary(diagnostics: readonly Diagnostic[], cwd: string): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  const files = new Set(diagnostics.flatMap((d) => (d.location === undefined ? [] : [displayPath(d.location.file, cwd)])))
  const counts = [`${String(errors)} error${errors === 1 ? '' : 's'}`]
  if (warnings > 0) counts.push(`${String(warnings)} warning${warnings === 1 ? '' : 's'}`)
  const inFiles = files.size === 0 ? '' : ` in ${String(files.size)} file${files.size === 1 ? '' : 's'}`
  return `Found ${counts.join(' and ')}${inFiles}.\n`
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const read = createSourceReader()
  // a line that holds a literal secret is masked in every frame that shows it (tsc reports it too)
  const secretLines = new Map<string, Set<number>>()
  for (const d of diagnostics) {
    if (d.code !== 'PIPE_LITERAL_SECRET' || d.location === undefined) continue
    const lines = secretLines.get(d.location.file) ?? new Set<number>()
    secretLines.set(d.location.file, lines.add(d.location.line))
  }
  return diagnostics.map((d) => renderDiagnostic(d, options, read, secretLines)).join('\n')
}
