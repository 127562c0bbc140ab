import type { Command } from 'commander'
import { refineDiagnostics } from '../analyze/refine-location.js'
import { compilePipelines } from '../analyze/compile-pipelines.js'
import { checkDeadLetterTopics } from '../connect/dead-letter-check.js'
import { validateOnWorker } from '../connect/validate-on-worker.js'
import { hasErrors } from '../diagnostic.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { reportResult } from '../report/report-error.js'
import { assertBrokerReachable } from '../run/broker-probe.js'
import { BROKER_TIMEOUT_MS } from '../run/open-backend.js'
import { parseBrokers } from '../run/run-options.js'
import { UserError } from '../errors/user-error.js'

export interface CheckOptions {
  readonly json?: boolean
  readonly connect?: string
  readonly bootstrapServers?: string
}

/** With --connect: the worker's Kafka cluster, from --bootstrap-servers or PIPE_BOOTSTRAP_SERVERS (checked reachable). */
async function connectBrokers(options: CheckOptions): Promise<string | undefined> {
  const fromEnv = process.env['PIPE_BOOTSTRAP_SERVERS']
  const [text, from] = options.bootstrapServers !== undefined ? [options.bootstrapServers, '--bootstrap-servers'] : [fromEnv?.trim() === '' ? undefined : fromEnv, 'PIPE_BOOTSTRAP_SERVERS']
  if (text === undefined || options.connect === undefined) return undefined
  const brokers = parseBrokers(text, from)
  await assertBrokerReachable(brokers, BROKER_TIMEOUT_MS)
  return brokers.join(',')
}

/**
 * `pipe check`: type-check, validate and compile (for Kafka Connect) every pipeline, offline and
 * without secrets; with `--connect`, also ask a live worker to validate each compiled config.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: IoHost, cwd: string): Promise<ExitCode> {
  // loaded on use: it pulls in ts-morph (TypeScript), which every other command would pay for at startup
  const { analyzePipelines } = await import('../analyze/analyze-pipelines.js')
  let brokers: string | undefined
  try {
    brokers = await connectBrokers(options)
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'check', error, options.json === true)
    throw error
  }
  const analysis = await analyzePipelines(paths, { cwd, typeCheck: true })
  const compilation = compilePipelines(analysis.pipelines, 'kafka-connect')
  const diagnostics = [...analysis.diagnostics, ...compilation.diagnostics]
  if (options.connect !== undefined && !hasErrors(diagnostics)) {
    diagnostics.push(...(await validateOnWorker(options.connect, compilation.connectors)))
    diagnostics.push(...(await checkDeadLetterTopics(compilation.connectors, brokers)))
  }
  const pipelines = analysis.pipelines.length
  const files = analysis.files.length
  const okText = `checked ${String(pipelines)} pipeline${pipelines === 1 ? '' : 's'} in ${String(files)} file${files === 1 ? '' : 's'}` +
    `${options.connect === undefined ? '' : ` against ${options.connect}`}: no errors\n`
  return reportResult(io, refineDiagnostics(diagnostics, analysis.pipelines), { json: options.json === true, cwd }, okText)
}

export function registerCheck(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('check')
    .description('type-check and validate pipeline files, offline and without secrets')
    .argument('[paths...]', 'pipeline files or folders', ['pipelines'])
    .option('--json', 'print the diagnostics as JSON on stdout')
    .option('--connect <url>', "also validate each compiled config with a Kafka Connect worker's validate endpoint")
    .option('--bootstrap-servers <list>', "with --connect: the worker's Kafka cluster (default: $PIPE_BOOTSTRAP_SERVERS), to check the topics the worker would create")
    .action(async (paths: string[], options: CheckOptions) => {
      setExitCode(await runCheck(paths, options, io, process.cwd()))
    })
}
