import { ConnectError } from '../deploy/connect-error.js'
import { DeployUserError } from '../errors/deploy-user-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from './io-host.js'
import { reportOneLine } from './one-line-error.js'

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
