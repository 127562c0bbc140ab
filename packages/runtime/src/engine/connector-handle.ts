import type { ConnectorPlugin } from '../tasks/connector-registry.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { ConnectState, ConnectorStatus } from './connector-status.js'
import type { TaskControl } from './task-control.js'

/** A running task: its control and the promise that settles when its loop ends. */
export interface TaskHandle {
  readonly control: TaskControl
  readonly done: Promise<void>
}

/** The engine's record of one connector. */
export interface ConnectorHandle {
  readonly name: string
  readonly config: ConnectorConfig
  readonly plugin: ConnectorPlugin
  state: ConnectState
  trace: string | undefined
  tasks: TaskHandle[]
}

/** The Kafka Connect status snapshot of a connector. */
export function statusOf(handle: ConnectorHandle, workerId: string): ConnectorStatus {
  const connector = handle.trace === undefined ? { state: handle.state, worker_id: workerId } : { state: handle.state, worker_id: workerId, trace: handle.trace }
  return {
    name: handle.name,
    connector,
    tasks: handle.tasks.map(({ control }) => {
      const base = { id: control.id, state: control.state, worker_id: workerId }
      return control.trace === undefined ? base : { ...base, trace: control.trace }
    }),
    type: handle.plugin.type,
  }
}
