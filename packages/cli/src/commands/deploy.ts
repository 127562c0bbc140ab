import type { Command } from 'commander'
import { applyPlan } from '../deploy/apply-plan.js'
import { canAsk, confirmOnTerminal } from '../deploy/confirm.js'
import { connectClient, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import type { KafkaConnectClient } from '../deploy/kafka-connect-client.js'
import { makePlan } from '../deploy/make-plan.js'
import { renderApplied } from '../report/render-apply.js'
import { planJson, renderPlan } from '../report/render-plan.js'
import { DeployUserError } from '../errors/deploy-user-error.js'
import { reportConnectError } from '../report/report-connect-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportResult } from '../report/report-error.js'

export interface DeployOptions {
  readonly connect?: string
  readonly json?: boolean
  readonly prune?: boolean
  readonly pruneScope?: string
  readonly yes?: boolean
}

/** How deploy asks for confirmation; replaced in tests. */
export interface Prompter {
  readonly canAsk: () => boolean
  readonly confirm: (question: string) => Promise<boolean>
}

/** What runDeploy talks to; tests pass fakes. */
export interface DeployDependencies {
  readonly prompter?: Prompter
  readonly client?: KafkaConnectClient
}

const terminal: Prompter = { canAsk, confirm: confirmOnTerminal }

async function confirmed(options: DeployOptions, json: boolean, prompter: Prompter): Promise<void> {
  if (options.yes === true) return
  if (json || !prompter.canAsk()) {
    throw new DeployUserError('PIPE_DEPLOY_NOT_CONFIRMED', 'refusing to deploy without confirmation (not on a terminal)', 'pass --yes to apply the plan shown above')
  }
  if (!(await prompter.confirm('apply this plan?'))) {
    throw new DeployUserError('PIPE_DEPLOY_DECLINED', 'deploy cancelled: nothing was applied', 'run pipe deploy again and answer y, or pass --yes')
  }
}

/**
 * `pipe deploy`: print the plan, confirm (on a terminal, unless --yes), apply it with
 * PUT /connectors/{name}/config (and DELETE with --prune), wait until each connector runs.
 */
export async function runDeploy(paths: readonly string[], options: DeployOptions, io: IoHost, cwd: string, deps: DeployDependencies = {}): Promise<ExitCode> {
  const json = options.json === true
  const client = deps.client ?? connectClient(options.connect)
  try {
    const made = await makePlan(client, { paths, cwd, prune: options.prune === true, pruneScope: options.pruneScope })
    if (!made.ok) return reportResult(io, made.diagnostics, { json, cwd })
    const planned = planJson(made.plan, client.url, made.skipped)
    if (!json) reportResult(io, made.diagnostics, { json, cwd }, renderPlan(made.plan, client.url, made.skipped))
    if (!made.plan.hasChanges) {
      if (json) io.out(`${JSON.stringify({ status: 'ok', diagnostics: made.diagnostics, ...planned, applied: [] }, null, 2)}\n`)
      else io.out('nothing to deploy\n')
      return 0
    }
    const [missing] = made.missingPlugins
    if (missing !== undefined) {
      throw new DeployUserError('PIPE_CONNECT_PLUGIN_MISSING', `the worker has no connector plugin '${missing.connectorClass}' (connector '${missing.name}'): nothing was applied`,
        "install the plugin on the worker's plugin.path, or run this pipeline with pipe run")
    }
    await confirmed(options, json, deps.prompter ?? terminal)
    const progress = json ? undefined : (line: string): void => { io.err(`${line}\n`) }
    const outcome = await applyPlan(client, made.plan, made.desired, progress === undefined ? {} : { onProgress: progress })
    if (json) io.out(`${JSON.stringify({ status: outcome.ok ? 'ok' : 'error', diagnostics: made.diagnostics, ...planned, applied: outcome.applied }, null, 2)}\n`)
    else io.out(renderApplied(outcome))
    return outcome.ok ? 0 : 1
  } catch (error) {
    return reportConnectError(io, 'deploy', error, json)
  }
}

export function registerDeploy(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('deploy')
    .description('print the plan, then apply it to a Kafka Connect cluster and wait until every connector runs')
    .argument('[paths...]', 'pipeline files or folders', ['pipelines'])
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--prune', 'delete the connectors pipe deployed that no pipeline declares any more (never others)')
    .option('--prune-scope <glob>', "with --prune, only connectors whose pipeline name matches this glob (e.g. 'orders-*')")
    .option('-y, --yes', 'apply without asking (required when not on a terminal)')
    .option('--json', 'print the plan and what was applied as JSON on stdout')
    .action(async (paths: string[], options: DeployOptions) => {
      setExitCode(await runDeploy(paths, options, io, process.cwd()))
    })
}
