import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { ConnectError } from './connect-error.js'

/** A refusal or failure the user can act on: one line (or JSON), exit code 1. */
export class DeployUserError extends Error {
  constructor(readonly code: string, message: string, readonly hint?: string) {
    super(message)
    this.name = 'DeployUserError'
  }
}

/**
 * Reports a Kafka Connect or user error of a deploy-side command on one line (exit 1); anything
 * else is a bug and is rethrown for the internal-error reporter.
 */
export function reportConnectError(io: IoHost, command: string, error: unknown, json: boolean): ExitCode {
  if (error instanceof ConnectError || error instanceof DeployUserError) {
    return reportOneLine(io, command, { code: error.code, message: error.message, hint: error.hint }, json)
  }
  throw error
}
