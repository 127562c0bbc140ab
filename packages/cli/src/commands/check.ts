import type { Command } from 'commander'
import { refineDiagnostics } from '../analyze/refine-location.js'
import { compilePipelines } from '../analyze/compile-pipelines.js'
import { validateOnWorker } from '../connect/validate-on-worker.js'
import { hasErrors } from '../diagnostic.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportResult } from '../report/report-error.js'

export interface CheckOptions {
  readonly json?: boolean
  readonly connect?: string
}

/**
 * `pipe check`: type-check, validate and compile (for Kafka Connect) every pipeline, offline and
 * without secrets; with `--connect`, also ask a live worker to validate each compiled config.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: IoHost, cwd: string): Promise<ExitCode> {
  // loaded on use: it pulls in ts-morph (TypeScript), which every other command would pay for at startup
  const { analyzePipelines } = await import('../analyze/analyze-pipelines.js')
  const analysis = await analyzePipelines(paths, { cwd, typeCheck: true })
  const compilation = compilePipelines(analysis.pipelines, 'kafka-connect')
  const diagnostics = [...analysis.diagnostics, ...compilation.diagnostics]
  if (options.connect !== undefined && !hasErrors(diagnostics)) {
    diagnostics.push(...(await validateOnWorker(options.connect, compilation.connectors)))
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
    .action(async (paths: string[], options: CheckOptions) => {
      setExitCode(await runCheck(paths, options, io, process.cwd()))
    })
}
