import type { SourceLocation } from './diagnostics.js'
import type { ErrorCode } from './error-codes.js'

const PIPE_ERROR = Symbol.for('@pipe/dsl/PipeError')

/**
 * Constructor options of {@link PipeError}.
 *
 * @example
 * ```ts
 * throw new PipeError({ code: 'PIPE_INVALID_IR', message: 'expected a pipeline', hint: 'export default source(...)' })
 * ```
 */
export interface PipeErrorOptions {
  readonly code: ErrorCode
  readonly message: string
  readonly hint?: string | undefined
  readonly location?: SourceLocation | undefined
  readonly source?: 'user' | 'internal'
  readonly cause?: unknown
}

/**
 * The one error base of pipe. Detect it with {@link PipeError.is} (a symbol brand that works across
 * module copies), never with `instanceof`.
 *
 * @example
 * ```ts
 * try { doIt() } catch (e) { if (PipeError.is(e)) console.error(e.code, e.hint) }
 * ```
 */
export class PipeError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined
  readonly location: SourceLocation | undefined
  readonly source: 'user' | 'internal'
  readonly [PIPE_ERROR] = true

  constructor(options: PipeErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'PipeError'
    this.code = options.code
    this.hint = options.hint
    this.location = options.location
    this.source = options.source ?? 'user'
  }

  /** Whether `value` is a PipeError from any copy of this package. */
  static is(value: unknown): value is PipeError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PIPE_ERROR] === true
  }
}
