import { hasErrors, type Diagnostic } from '../diagnostic.js'
import type { ExitCode } from '../exit-code.js'
import { renderDiagnostics, renderSummary } from './human-renderer.js'
import type { IoHost } from './io-host.js'
import { renderJson } from './json-renderer.js'
import { sortDiagnostics } from './normalize.js'

export interface ReportOptions {
  readonly json: boolean
  readonly cwd: string
}

const useColor = (io: IoHost): boolean => io.isInteractive && process.env['NO_COLOR'] === undefined

/**
 * The single place a command's outcome is reported: diagnostics (human on stderr, or JSON on
 * stdout), then the exit code: 1 when any diagnostic is an error, else 0.
 * `okText` is printed (human mode) when there is no error; `extra` joins the JSON report.
 */
export function reportResult(io: IoHost, diagnostics: readonly Diagnostic[], options: ReportOptions, okText = '', extra: Record<string, unknown> = {}): ExitCode {
  const sorted = sortDiagnostics(diagnostics)
  const failed = hasErrors(sorted)
  if (options.json) {
    io.out(renderJson(failed ? 'error' : 'ok', sorted, options.cwd, extra))
  } else {
    if (sorted.length > 0) {
      io.err(renderDiagnostics(sorted, { cwd: options.cwd, color: useColor(io) }))
      io.err(`\n${renderSummary(sorted, options.cwd)}`)
    }
    if (!failed && okText !== '') io.out(okText)
  }
  return failed ? 1 : 0
}

/** A bug in pipe: the stack, and a request to report it. Exit code 2. */
export function reportInternalError(io: IoHost, error: unknown, json = false): ExitCode {
  const trace = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  if (json) {
    io.out(`${JSON.stringify({ status: 'error', diagnostics: [], error: { code: 'PIPE_INTERNAL_ERROR', message: trace } }, null, 2)}\n`)
  }
  io.err(`pipe: internal error, please report it at the pipe issue tracker with this trace\n${trace}\n`)
  return 2
}
