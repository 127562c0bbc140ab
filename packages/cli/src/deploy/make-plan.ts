import { planDeployment, type ConnectorDocument, type DeploymentPlan, type LiveConnector } from '@pipe/dsl'
import { compilePipelines } from '../analyze/compile-pipelines.js'
import { refineDiagnostics } from '../analyze/refine-location.js'
import { hasErrors, type Diagnostic } from '../diagnostic.js'
import { hasPlugin, type KafkaConnectClient } from './kafka-connect-client.js'

export interface PlanInput {
  readonly paths: readonly string[]
  readonly cwd: string
  readonly prune: boolean
  readonly pruneScope?: string | undefined
}

export type MadePlan =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly ok: true
      readonly plan: DeploymentPlan
      readonly desired: readonly ConnectorDocument[]
      /** Pipelines that run on the pipe runtime only, left out of the deployment. */
      readonly skipped: readonly string[]
      readonly diagnostics: readonly Diagnostic[]
      /** Connectors to create or update whose class the worker has no plugin for. */
      readonly missingPlugins: readonly { readonly name: string; readonly connectorClass: string }[]
    }

/** PASSWORD keys the worker reports for each connector class in play (unknown classes: none). */
async function workerPasswordKeys(client: KafkaConnectClient, classes: Iterable<string>): Promise<Map<string, readonly string[]>> {
  const unique = [...new Set(classes)].filter((c) => c !== '')
  const keys = await Promise.all(unique.map(async (c) => [c, await client.passwordKeys(c)] as const))
  return new Map(keys)
}

/**
 * Loads and compiles the pipelines (as `pipe compile` does, without the type-check that `pipe check`
 * runs in CI), reads the live cluster, and plans the deployment with `planDeployment`.
 */
export async function makePlan(client: KafkaConnectClient, input: PlanInput): Promise<MadePlan> {
  // loaded on use: it pulls in ts-morph (TypeScript), which every other command would pay for at startup
  const { analyzePipelines } = await import('../analyze/analyze-pipelines.js')
  const analysis = await analyzePipelines(input.paths, { cwd: input.cwd, typeCheck: false })
  const compilation = compilePipelines(analysis.pipelines, 'kafka-connect')
  const diagnostics = refineDiagnostics([...analysis.diagnostics, ...compilation.diagnostics], analysis.pipelines)
  if (hasErrors(diagnostics)) return { ok: false, diagnostics }
  const desired = compilation.connectors.map((c): ConnectorDocument => c.document)
  const listing = await client.listConnectors()
  const live = listing.map((c): LiveConnector => ({ name: c.name, config: c.config, ...(c.status === undefined ? {} : { state: c.status.connector.state }) }))
  const classes = [...desired, ...live].map((c) => c.config['connector.class'] ?? '')
  const passwords = await workerPasswordKeys(client, classes)
  const plan = planDeployment(desired, live, {
    prune: input.prune,
    ...(input.pruneScope === undefined ? {} : { pruneScope: input.pruneScope }),
    secretKeys: (connectorClass) => passwords.get(connectorClass) ?? [],
    definitions: analysis.pipelines.flatMap((p) => [...p.definitions.connectors.values()]),
  })
  const plugins = await client.connectorPlugins()
  const missingPlugins = plan.actions.flatMap((a) => ((a.type === 'create' || a.type === 'update') && a.connectorClass !== undefined && !hasPlugin(plugins, a.connectorClass)
    ? [{ name: a.name, connectorClass: a.connectorClass }]
    : []))
  const missing = new Map(missingPlugins.map((m) => [m.name, m.connectorClass]))
  const actions = plan.actions.map((a) => {
    const connectorClass = missing.get(a.name)
    return connectorClass === undefined ? a : { ...a, notes: [...a.notes, `the worker has no connector plugin '${connectorClass}': deploying it fails`] }
  })
  return { ok: true, plan: { ...plan, actions }, desired, skipped: compilation.pipeOnly.map((p) => p.ir.name), diagnostics, missingPlugins }
}
