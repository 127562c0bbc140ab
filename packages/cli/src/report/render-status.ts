import { PIPE_PIPELINE_KEY } from '@pipe/dsl'
import type { ConnectorStatus } from '@pipe/dsl/contract'
import { failuresOf } from '../deploy/apply-plan.js'
import type { ConnectorListing } from '../deploy/connect-types.js'

const indent = (text: string, by: string): string => text.split('\n').map((line) => `${by}${line}`).join('\n')
const on = (workerId: string): string => (workerId === '' ? '' : ` on ${workerId}`)
const TRACE_LINES = 6

/** One connector's status: its state, each task's, and the first lines of FAILED traces. */
export function renderStatus(status: ConnectorStatus): string {
  const { connector } = status
  const lines = [`${status.name} (${status.type}) ${connector.state}${on(connector.worker_id)}`]
  if (connector.state === 'FAILED' && connector.trace !== undefined) lines.push(indent(connector.trace.split('\n').slice(0, TRACE_LINES).join('\n'), '    '))
  if (status.tasks.length === 0) lines.push('  no tasks')
  for (const task of status.tasks) {
    lines.push(`  task ${String(task.id)} ${task.state}${on(task.worker_id)}`)
    if (task.state === 'FAILED' && task.trace !== undefined) lines.push(indent(task.trace.split('\n').slice(0, TRACE_LINES).join('\n'), '    '))
  }
  return `${lines.join('\n')}\n`
}

const tasksSummary = (status: ConnectorStatus | undefined): string => {
  if (status === undefined) return '-'
  const running = status.tasks.filter((t) => t.state === 'RUNNING').length
  const failed = failuresOf(status).filter((f) => f.task !== undefined).length
  return `${String(running)}/${String(status.tasks.length)} running${failed > 0 ? `, ${String(failed)} failed` : ''}`
}

/** Live figures of a connector (`pipe status --watch` on a worker with `/metrics`). */
export interface LiveFigures {
  readonly rate: number
  readonly lag: number | undefined
  readonly errors: number
}

const figure = (n: number | undefined): string => (n === undefined ? '-' : String(Math.round(n)))

/** Every connector as a table: name, type, state, tasks, owning pipeline, and live figures when known. Never config values. */
export function renderStatusTable(connectors: readonly ConnectorListing[], url: string, live?: ReadonlyMap<string, LiveFigures>): string {
  if (connectors.length === 0) return `no connectors on Kafka Connect at ${url}\n`
  const head = ['NAME', 'TYPE', 'STATE', 'TASKS', 'PIPELINE', ...(live === undefined ? [] : ['RECORDS/S', 'LAG', 'ERRORS'])]
  const rows = [head, ...connectors.map((c) => {
    const f = live?.get(c.name)
    return [
      c.name, c.status?.type ?? '-', c.status?.connector.state ?? 'UNKNOWN', tasksSummary(c.status), c.config[PIPE_PIPELINE_KEY] ?? '(not pipe)',
      ...(live === undefined ? [] : [figure(f?.rate), figure(f?.lag), figure(f?.errors)]),
    ]
  })]
  const widths = rows[0]?.map((_, i) => rows.reduce((width, r) => Math.max(width, (r[i] ?? '').length), 0)) ?? []
  return `${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n`
}

const optional = (key: string, value: string | undefined): Record<string, string> => (value === undefined || value === '' ? {} : { [key]: value })

/**
 * A status as `--json` prints it: pipe's flat camelCase shape (`state`, `workerId`, `trace` beside
 * the name), kept as it was before the status was read in Kafka Connect's shape.
 */
export const statusView = (status: ConnectorStatus): Record<string, unknown> => ({
  name: status.name,
  type: status.type,
  state: status.connector.state,
  ...optional('workerId', status.connector.worker_id),
  ...optional('trace', status.connector.trace),
  tasks: status.tasks.map((task) => ({ id: task.id, state: task.state, ...optional('workerId', task.worker_id), ...optional('trace', task.trace) })),
})

/** A listing as data for `--json`: status and owner, without the config. */
export const statusJson = (c: ConnectorListing): Record<string, unknown> => ({
  name: c.name,
  ...(c.config[PIPE_PIPELINE_KEY] === undefined ? {} : { pipeline: c.config[PIPE_PIPELINE_KEY] }),
  ...(c.status === undefined ? {} : { status: statusView(c.status) }),
})
