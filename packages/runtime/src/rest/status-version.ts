import type { ConnectorStatus, TaskStatus } from '@pipe/dsl/contract'

type State = ConnectorStatus['connector'] | TaskStatus

/**
 * A connector's or task's state (`GET /connectors/{c}/tasks/{n}/status`) with `version` after `worker_id`, where
 * Kafka Connect 4.1+ writes it; an UNASSIGNED state has none (nothing started it).
 */
export function stateWithVersion<S extends State>(state: S, version: string): S {
  if (state.state === 'UNASSIGNED') return state
  const entries = Object.entries(state).filter(([key]) => key !== 'version')
  const at = entries.findIndex(([key]) => key === 'worker_id') + 1
  entries.splice(at, 0, ['version', version])
  return Object.fromEntries(entries) as S // cast: the same fields, plus the optional version
}

/** A connector's status as Kafka Connect 4.1+ answers it: the plugin's version in the connector's and each task's state. */
export function statusWithVersion(status: ConnectorStatus, version: string): ConnectorStatus {
  return { ...status, connector: stateWithVersion(status.connector, version), tasks: status.tasks.map((t) => stateWithVersion(t, version)) }
}
