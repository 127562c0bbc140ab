/** A refusal or failure the user can act on: one line (or JSON), exit code 1. */
export class DeployUserError extends Error {
  constructor(readonly code: string, message: string, readonly hint?: string) {
    super(message)
    this.name = 'DeployUserError'
  }
}
