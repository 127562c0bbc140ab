import type { ConnectorPlugin } from '../tasks/connector-registry.js'
import { redact } from './config-providers.js'
import type { ConnectState, ConnectorStatus, TaskStatus, ConnectorConfig } from '@pipe/dsl/contract'
import type { TaskControl } from './task-control.js'

/** A running task: its control and the promise that settles when its loop ends. */
export interface TaskHandle {
  readonly control: TaskControl
  readonly done: Promise<void>
  /** Config-provider values resolved for this task: never shown in its status. */
  readonly secrets?: readonly string[]
  /** What goes wrong while the task keeps running (e.g. a sink retrying while its server is down). */
  readonly problem?: () => string | undefined
}

/** One task's status: `trace` when FAILED, else `problem` while it retries; resolved secrets scrubbed. */
function taskStatusOf(task: TaskHandle, workerId: string): TaskStatus {
  const { control } = task
  const secrets = task.secrets ?? []
  const base = { id: control.id, state: control.state, worker_id: workerId }
  const trace = control.trace
  if (trace !== undefined) return { ...base, trace: redact(trace, secrets) }
  // also while the task is still starting (a sink connecting): Kafka Connect shows it RUNNING then
  const problem = task.problem?.()
  return problem === undefined ? base : { ...base, problem: redact(problem, secrets) }
}

/** The engine's record of one connector. */
export interface ConnectorHandle {
  readonly name: string
  readonly config: ConnectorConfig
  readonly plugin: ConnectorPlugin
  /** Values of the config-provider placeholders resolved in `config`: never shown in a status. */
  readonly secrets: readonly string[]
  /** Why a placeholder of the config could not be resolved: its tasks fail with it. */
  readonly unresolved?: Error
  state: ConnectState
  trace: string | undefined
  tasks: TaskHandle[]
}

/** The Kafka Connect status snapshot of a connector. */
export function statusOf(handle: ConnectorHandle, workerId: string): ConnectorStatus {
  const connector = handle.trace === undefined ? { state: handle.state, worker_id: workerId } : { state: handle.state, worker_id: workerId, trace: redact(handle.trace, handle.secrets) }
  return {
    name: handle.name,
    connector,
    tasks: handle.tasks.map((task) => taskStatusOf(task, workerId)),
    type: handle.plugin.type,
  }
}
