import type { ExitCode } from '../exit-code.js'
import { formatDuration } from '../run/duration.js'
import { failureHint } from '../run/failure-hint.js'
import type { RunOutputs } from '../run/outputs.js'
import type { RunOutcome } from '../run/run-engine.js'
import { formatCount, formatRate } from './progress.js'
import type { IoHost } from './io-host.js'
import { shellQuote } from '../util/shell-quote.js'

export interface OutcomeOptions {
  readonly json: boolean
  readonly target: string
  readonly outputs: RunOutputs
}

const ENDED: Readonly<Record<RunOutcome['kind'], string>> = { idle: 'all tasks idle', stopped: 'stopped', failed: 'failed' }

/** The closing lines of `pipe run` (stderr), or its JSON report (stdout); exit 1 when a connector FAILED. */
export function reportRunOutcome(io: IoHost, outcome: RunOutcome, options: OutcomeOptions): ExitCode {
  const { final } = outcome
  const failure = outcome.kind === 'failed' ? { connector: outcome.connector.name, message: outcome.connector.failure ?? 'FAILED', hint: failureHint(outcome.connector.failure ?? '') } : undefined
  if (options.json) {
    const connectors = final.connectors.map(({ name, type, state, recordsIn, recordsOut, errors }) => ({ name, type, state, recordsIn, recordsOut, errors }))
    const report = { status: failure === undefined ? 'ok' : 'error', outcome: outcome.kind, target: options.target, seconds: final.elapsedMs / 1000, connectors, ...options.outputs, ...(failure === undefined ? {} : { error: { code: 'PIPE_CONNECTOR_FAILED', ...failure } }) }
    io.out(`${JSON.stringify(report)}\n`)
    return failure === undefined ? 0 : 1
  }
  if (failure !== undefined) {
    io.err(`pipe run: connector '${failure.connector}' FAILED: ${failure.message}\n  fix: ${failure.hint}\n`)
    return 1
  }
  const moved = final.connectors.map((c) => `${c.name} ${formatCount(c.recordsOut)} (${formatRate(c.rate)})`).join(', ')
  io.err(`${ENDED[outcome.kind]} after ${formatDuration(final.elapsedMs)}, offsets flushed: ${moved}\n`)
  for (const file of options.outputs.files) io.err(`output: ${file}\n`)
  for (const topic of options.outputs.topics) io.err(`topic '${topic}': pipe consume ${shellQuote(topic)} --from-beginning${options.outputs.consumeArgs}\n`)
  return 0
}
