/**
 * A mistake on the command line or in the environment (bad option, missing file, unreachable
 * broker): reported as one line, exit code 1, never with a stack trace.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'UserError'
  }

  static is(value: unknown): value is UserError {
    return value instanceof UserError
  }
}
