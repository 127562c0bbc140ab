import type { DeploymentPlan } from '@pipe/dsl'
import type { ConnectorDocument, ConnectorStatus } from '@pipe/dsl/contract'
import { ConnectError } from './connect-error.js'
import type { KafkaConnectClient } from './kafka-connect-client.js'

/** One failed instance: the connector itself (`task` absent) or one task, with the first lines of its trace. */
export interface Failure {
  readonly task?: number
  readonly trace: string
}

/** What happened to one connector. */
export interface Applied {
  readonly name: string
  readonly action: 'created' | 'updated' | 'deleted' | 'rejected'
  /** Why the worker refused the change (action 'rejected'). */
  readonly error?: string
  /** The observed state once settled (RUNNING, PAUSED, STOPPED, FAILED), or the last seen on timeout. */
  readonly state?: string
  readonly failures: readonly Failure[]
  readonly timedOut?: boolean
}

export interface ApplyOptions {
  readonly onProgress?: (line: string) => void
  /** How long to wait for each connector and its tasks to run. @default 60000 */
  readonly timeoutMs?: number
  readonly pollMs?: number
  /** A status seen before this many ms may predate the change (an update, a restart): not accepted yet. @default 0 */
  readonly graceMs?: number
  /** The grace an update gets, since the worker may still report the tasks of the old config. @default 2000 */
  readonly updateGraceMs?: number
  readonly sleep?: (ms: number) => Promise<void>
}

export interface ApplyOutcome {
  readonly applied: readonly Applied[]
  /** Every connector applied, and each settled without a FAILED instance. */
  readonly ok: boolean
}

const TRACE_LINES = 4
const firstLines = (trace: string): string => trace.split('\n').slice(0, TRACE_LINES).join('\n')

/** The FAILED instances of a status, with short traces. */
export function failuresOf(status: ConnectorStatus): Failure[] {
  const failures: Failure[] = status.connector.state === 'FAILED' ? [{ trace: firstLines(status.connector.trace ?? '(no trace)') }] : []
  for (const task of status.tasks) if (task.state === 'FAILED') failures.push({ task: task.id, trace: firstLines(task.trace ?? '(no trace)') })
  return failures
}

/** Settled: FAILED anywhere, or the connector RUNNING with every task RUNNING, or PAUSED/STOPPED as the user left it. */
export function isSettled(status: ConnectorStatus): boolean {
  if (failuresOf(status).length > 0) return true
  if (status.connector.state === 'STOPPED') return true
  if (status.connector.state === 'PAUSED') return status.tasks.every((t) => t.state === 'PAUSED')
  return status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING')
}

/** Polls the status of `name` until `settled` (default: isSettled) holds or `timeoutMs` passes. */
export async function waitUntilSettled(
  client: KafkaConnectClient, name: string, options: ApplyOptions = {}, settled: (status: ConnectorStatus) => boolean = isSettled,
): Promise<{ status?: ConnectorStatus; timedOut: boolean }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const start = Date.now()
  const deadline = start + (options.timeoutMs ?? 60_000)
  let last: ConnectorStatus | undefined
  for (;;) {
    // right after a PUT the worker may still report the old tasks, or no status at all (404)
    await sleep(options.pollMs ?? 500)
    try {
      last = await client.status(name)
      if (settled(last) && Date.now() >= start + (options.graceMs ?? 0)) return { status: last, timedOut: false }
    } catch (error) {
      if (!(error instanceof ConnectError) || error.code !== 'PIPE_CONNECT_NOT_FOUND') throw error
    }
    if (Date.now() > deadline) return { ...(last === undefined ? {} : { status: last }), timedOut: true }
  }
}

/** Creates with POST /connectors when the connector has an initial state (PUT cannot set one), else PUT. */
async function send(client: KafkaConnectClient, connector: ConnectorDocument, creates: boolean): Promise<boolean> {
  const config = { ...connector.config, name: connector.name }
  if (!creates || connector.initial_state === undefined) return client.putConfig(connector.name, config)
  await client.createConnector({ name: connector.name, config, initial_state: connector.initial_state })
  return true
}

async function upsert(client: KafkaConnectClient, connector: ConnectorDocument, options: ApplyOptions, creates: boolean): Promise<Applied> {
  const progress = options.onProgress ?? (() => undefined)
  let created: boolean
  try {
    created = await send(client, connector, creates)
  } catch (error) {
    // an unreachable worker ends the deploy; a refused config is reported with the others
    if (!(error instanceof ConnectError) || error.status === undefined) throw error
    progress(`${connector.name}: rejected`)
    return { name: connector.name, action: 'rejected', error: error.message, failures: [] }
  }
  const action = created ? 'created' : 'updated'
  progress(`${action} ${connector.name}, waiting for it and its tasks to run`)
  const graceMs = created ? 0 : (options.updateGraceMs ?? 2_000)
  const { status, timedOut } = await waitUntilSettled(client, connector.name, { ...options, graceMs })
  const failures = status === undefined ? [] : failuresOf(status)
  const state = status?.connector.state
  const shown = failures.length > 0 ? 'FAILED' : (state ?? 'no status')
  progress(`${connector.name}: ${timedOut ? `not settled in time (${shown})` : shown}`)
  return { name: connector.name, action, ...(state === undefined ? {} : { state }), failures, ...(timedOut ? { timedOut } : {}) }
}

/**
 * Applies a deployment plan: DELETE the connectors it deletes (first, so a rename does not run
 * twice), then PUT /connectors/{name}/config for every create and update (idempotent; a create with an
 * initial state is a POST /connectors with `initial_state`), then waits
 * until each is RUNNING with its tasks, or reports which instance FAILED with its trace.
 */
export async function applyPlan(client: KafkaConnectClient, plan: DeploymentPlan, desired: readonly ConnectorDocument[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const progress = options.onProgress ?? (() => undefined)
  const applied: Applied[] = []
  for (const action of plan.actions.filter((a) => a.type === 'delete')) {
    await client.deleteConnector(action.name)
    progress(`deleted ${action.name}`)
    applied.push({ name: action.name, action: 'deleted', failures: [] })
  }
  const byName = new Map(desired.map((c) => [c.name, c]))
  const upserts = plan.actions.filter((a) => a.type === 'create' || a.type === 'update').flatMap((a) => {
    const connector = byName.get(a.name)
    return connector === undefined ? [] : [{ connector, creates: a.type === 'create' }]
  })
  applied.push(...(await Promise.all(upserts.map(({ connector, creates }) => upsert(client, connector, options, creates)))))
  return { applied, ok: applied.every((a) => a.failures.length === 0 && a.timedOut !== true && a.action !== 'rejected') }
}
