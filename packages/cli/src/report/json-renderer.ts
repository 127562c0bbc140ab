import type { Diagnostic } from '../diagnostic.js'
import { displayPath } from './normalize.js'

export interface JsonReport {
  readonly status: 'ok' | 'error'
  readonly diagnostics: readonly Diagnostic[]
  readonly [extra: string]: unknown
}

/** Diagnostics as data, with paths relative to the working directory like the human output. */
export function renderJson(status: 'ok' | 'error', diagnostics: readonly Diagnostic[], cwd: string, extra: Record<string, unknown> = {}): string {
  const shown = diagnostics.map((d) => (d.location === undefined ? d : { ...d, location: { ...d.location, file: displayPath(d.location.file, cwd) } }))
  const report: JsonReport = { status, diagnostics: shown, ...extra }
  return `${JSON.stringify(report, null, 2)}\n`
}
