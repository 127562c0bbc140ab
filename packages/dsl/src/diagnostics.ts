import type { ErrorCode } from './error-codes.js'

/**
 * A position in a user's file, 1-based line and column.
 *
 * @example
 * ```ts
 * const loc: SourceLocation = { file: 'pipelines/twitter.ts', line: 6, column: 23 }
 * ```
 */
export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

/**
 * One finding of validation or compilation, rendered by the CLI like tsc does.
 *
 * @example
 * ```ts
 * const d: Diagnostic = { code: 'PIPE_LITERAL_SECRET', severity: 'error',
 *   message: "option 'bearerToken' of twitter source is a literal secret", hint: "use env('TOKEN')" }
 * ```
 */
export interface Diagnostic {
  readonly code: ErrorCode
  readonly severity: 'error' | 'warning'
  readonly message: string
  readonly hint?: string
  readonly location?: SourceLocation
  readonly pipeline?: string
  readonly connector?: string
}

/**
 * Input of {@link diagnostic}: everything but `severity`, which defaults to `'error'`.
 *
 * @example
 * ```ts
 * diagnostic({ code: 'PIPE_INVALID_OPTION', message: "option 'x' must be an integer" })
 * ```
 */
export type DiagnosticInit = Omit<Diagnostic, 'severity' | 'location' | 'hint' | 'pipeline' | 'connector'> & {
  readonly severity?: 'error' | 'warning'
  readonly hint?: string | undefined
  readonly location?: SourceLocation | undefined
  readonly pipeline?: string | undefined
  readonly connector?: string | undefined
}

/**
 * Builds a frozen {@link Diagnostic}, dropping `undefined` optional fields (JSON-clean).
 *
 * @example
 * ```ts
 * diagnostic({ code: 'PIPE_MISSING_OPTION', message: "missing option 'file'" })
 * ```
 */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  const out: Record<string, unknown> = { code: init.code, severity: init.severity ?? 'error', message: init.message }
  for (const key of ['hint', 'location', 'pipeline', 'connector'] as const) {
    if (init[key] !== undefined) out[key] = init[key]
  }
  // built from a DiagnosticInit above: every field has its declared type
  return Object.freeze(out) as unknown as Diagnostic
}

/**
 * Whether any diagnostic is an error (warnings do not fail `pipe check`).
 *
 * @example
 * ```ts
 * hasErrors([]) // false
 * ```
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
