import type { Command } from 'commander'
import { connectClient, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import { makePlan } from '../deploy/make-plan.js'
import { planJson, renderPlan } from '../report/render-plan.js'
import { reportConnectError } from '../report/report-connect-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportResult } from '../report/report-error.js'

export interface PlanOptions {
  readonly connect?: string
  readonly json?: boolean
  readonly prune?: boolean
  readonly pruneScope?: string
}

/**
 * `pipe plan`: compile the pipelines, read the live Kafka Connect cluster, print what a deploy would
 * change. Exit 0 when nothing would change, 2 when changes are pending, 1 on error.
 */
export async function runPlan(paths: readonly string[], options: PlanOptions, io: IoHost, cwd: string, client = connectClient(options.connect)): Promise<ExitCode> {
  const json = options.json === true
  try {
    const made = await makePlan(client, { paths, cwd, prune: options.prune === true, pruneScope: options.pruneScope })
    if (!made.ok) return reportResult(io, made.diagnostics, { json, cwd })
    const text = renderPlan(made.plan, client.url, made.skipped)
    const code = reportResult(io, made.diagnostics, { json, cwd }, text, planJson(made.plan, client.url, made.skipped))
    return code === 0 && made.plan.hasChanges ? 2 : code
  } catch (error) {
    return reportConnectError(io, 'plan', error, json)
  }
}

export function registerPlan(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('plan')
    .description('show what deploying the pipelines would change on a Kafka Connect cluster (exit 0: no changes, 2: changes pending, 1: error)')
    .argument('[paths...]', 'pipeline files or folders', ['pipelines'])
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--prune', 'plan to delete the connectors pipe deployed that no pipeline declares any more')
    .option('--prune-scope <glob>', "with --prune, only connectors whose pipeline name matches this glob (e.g. 'orders-*')")
    .option('--json', 'print the plan as JSON on stdout')
    .action(async (paths: string[], options: PlanOptions) => {
      setExitCode(await runPlan(paths, options, io, process.cwd()))
    })
}
