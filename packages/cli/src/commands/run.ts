import { relative } from 'node:path'
import { RuntimeError } from '@pipe/runtime'
import type { Command } from 'commander'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { createLiveView, createLogView, createQuietView } from '../report/progress.js'
import { reportResult } from '../report/report-error.js'
import { reportRunOutcome } from '../report/run-outcome.js'
import { loadRunPlan } from '../run/load-run-pipelines.js'
import { openBackend } from '../run/open-backend.js'
import { prepareOutputs, runOutputs } from '../run/outputs.js'
import type { ProgressView } from '../run/progress-view.js'
import { runEngine } from '../run/run-engine.js'
import { durationOption, listenOption, resolveTarget, type Target } from '../run/run-options.js'
import { observer } from '../run/observe-run.js'
import { listenForStop } from '../run/stop-signal.js'
import { UserError } from '../errors/user-error.js'
import { loadClientConfig } from '../run/client-config.js'

export interface RunOptions {
  readonly bootstrapServers?: string
  readonly clientConfig?: string
  readonly stateDir?: string
  readonly maxIdle?: string
  readonly offsetsTopic?: string
  readonly json?: boolean
  readonly metrics?: string
  readonly ui?: string
}

const where = (target: Target): string => (target.kind === 'embedded' ? `embedded (${target.stateDir})` : `kafka (${target.brokers.join(',')})`)

function chooseView(io: IoHost, json: boolean, title: string): ProgressView {
  if (json) return createQuietView(io)
  return io.isInteractive ? createLiveView(io, title, Date.now) : createLogView(io, Date.now)
}

/** `pipe run <file>`: load, compile for pipe, run on the embedded store or Kafka until idle, stopped or failed. */
export async function runRun(file: string, options: RunOptions, io: IoHost, cwd: string): Promise<ExitCode> {
  const json = options.json === true
  try {
    const maxIdleMs = durationOption('--max-idle', options.maxIdle)
    const addresses = { metrics: listenOption('--metrics', options.metrics), ui: listenOption('--ui', options.ui) }
    const target = resolveTarget(options, process.env, loadClientConfig(options.clientConfig, process.env, (line) => { io.err(`${line}\n`) }))
    if (options.offsetsTopic !== undefined && target.kind === 'embedded') {
      throw new UserError('PIPE_USAGE', '--offsets-topic applies on Kafka only', 'pass --bootstrap-servers too, or drop --offsets-topic (the embedded store keeps offsets in --state-dir)')
    }
    const loaded = await loadRunPlan(file, cwd)
    if (!loaded.ok) return reportResult(io, loaded.diagnostics, { json, cwd })
    const title = `pipe run ${relative(cwd, loaded.plan.file)} on ${where(target)}`
    await prepareOutputs(loaded.plan, cwd)
    const backend = await openBackend(target, `pipe-run-${loaded.plan.pipelines.join('-')}`, options.offsetsTopic, { owner: `pipe run ${relative(cwd, loaded.plan.file)}` })
    const view = chooseView(io, json, title)
    const stop = listenForStop(() => { view.log('stopping: finishing batches and flushing offsets (Ctrl-C again to force)') })
    const onStarted = (): void => { view.log(`${title}: starting ${loaded.plan.connectors.map((c) => c.name).join(', ')}`) }
    try {
      const observe = observer(loaded.plan, addresses, view)
      const outcome = await runEngine(loaded.plan, { backend, view, stop, now: Date.now, maxIdleMs, onStarted, ...(observe === undefined ? {} : { observe }) })
      view.close(outcome.final)
      return reportRunOutcome(io, outcome, { json, target: where(target), outputs: runOutputs(loaded.plan, target, cwd) })
    } finally {
      stop.dispose()
      await backend.close()
    }
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'run', error, json)
    // the engine refuses a config (unknown class, invalid option) before anything runs
    if (error instanceof RuntimeError) return reportOneLine(io, 'run', error, json)
    throw error
  }
}

export function registerRun(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('run')
    .showHelpAfterError(false) // a usage error is one line
    .description('run a pipeline file here, now, with managed offsets: embedded (no broker) by default, or on Kafka')
    .argument('<file>', 'the pipeline file, e.g. pipelines/quickstart.ts')
    .option('--bootstrap-servers <list>', 'run on this Kafka cluster (host:port,...); default: $PIPE_BOOTSTRAP_SERVERS, else embedded')
    .option('--client-config <file>', "a Kafka client .properties file: bootstrap.servers, security.protocol, sasl.*, ssl.* (default: $PIPE_CLIENT_CONFIG)")
    .option('--state-dir <dir>', 'where the embedded store keeps topics and offsets', '.pipe')
    .option('--max-idle <duration>', 'exit 0 once every task has been idle this long (500ms, 5s, 2m)')
    .option('--offsets-topic <topic>', "on Kafka: the source offsets topic; a Kafka Connect worker's offset.storage.topic shares positions with it (default: connect-offsets)")
    .option('--json', 'print the outcome as JSON on stdout instead of progress')
    .option('--metrics <host:port>', "serve GET /metrics (Kafka Connect's metric names, Prometheus text format) here while the pipeline runs")
    .option('--ui <host:port>', 'serve the web console at /ui/ here while the pipeline runs (its graph, live figures, pause/resume/restart/stop)')
    .action(async (file: string, options: RunOptions) => {
      setExitCode(await runRun(file, options, io, process.cwd()))
    })
}
