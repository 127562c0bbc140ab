import type { OneLineError } from '../errors/one-line-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from './io-host.js'
import { printable } from './printable.js'

/** `pipe run: error PIPE_X: message (fix: hint)`: one line, no stack trace. */
export function renderOneLine(command: string, error: OneLineError): string {
  const fix = error.hint === undefined ? '' : `; fix: ${printable(error.hint)}`
  return `pipe ${command}: error ${error.code}: ${printable(error.message.split('\n')[0] ?? '')}${fix}\n`
}

/** Reports a user error as one line on stderr (or as JSON on stdout with `--json`); exit code 1. */
export function reportOneLine(io: IoHost, command: string, error: OneLineError, json = false): ExitCode {
  if (json) {
    const payload = { status: 'error', error: { code: error.code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) } }
    io.out(`${JSON.stringify(payload)}\n`)
  } else {
    io.err(renderOneLine(command, error))
  }
  return 1
}
