/**
 * The CLI speaks the diagnostics of `@pipe/dsl` (one shape, one code registry) and adds its own
 * (loading, type-checking, live validation) in the same shape, so one renderer shows them all.
 */
export type { Diagnostic, SourceLocation as DiagnosticLocation } from '@pipe/dsl'
export { hasErrors } from '@pipe/dsl'
