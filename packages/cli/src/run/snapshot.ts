import type { ConnectState, ConnectorSample, ConnectorStatus } from '@pipe/runtime'

/** One connector's figures at one moment, for progress output. */
export interface ConnectorFigures {
  readonly name: string
  readonly type: ConnectorStatus['type']
  readonly state: ConnectState
  readonly recordsIn: number
  readonly recordsOut: number
  readonly errors: number
  /** Records out per second since the previous snapshot. */
  readonly rate: number
  /** Records its consumer group has not read yet (sinks, when known). */
  readonly lag: number | undefined
  /** The first line of the trace of the connector or of its first failed task. */
  readonly failure: string | undefined
  /** What a RUNNING task is retrying (e.g. its sink's server is down), when it says so. */
  readonly problem?: string | undefined
}

/** Every connector at one moment. */
export interface Snapshot {
  readonly at: number
  readonly elapsedMs: number
  readonly connectors: readonly ConnectorFigures[]
}

function firstTraceLine(status: ConnectorStatus): string | undefined {
  const trace = status.connector.trace ?? status.tasks.find((t) => t.state === 'FAILED')?.trace
  return trace?.split('\n')[0]
}

/** A connector is FAILED for `pipe run` when it or any of its tasks is. */
export function stateOf(status: ConnectorStatus): ConnectState {
  return status.tasks.some((t) => t.state === 'FAILED') ? 'FAILED' : status.connector.state
}

/** The engine's figures as a snapshot; rates relative to `previous`. */
export function toSnapshot(samples: readonly ConnectorSample[], startedAt: number, now: number, previous?: Snapshot): Snapshot {
  const connectors = samples.map(({ status, metrics, lag }): ConnectorFigures => {
    const recordsIn = metrics.reduce((n, m) => n + m.recordsIn, 0)
    const recordsOut = metrics.reduce((n, m) => n + m.recordsOut, 0)
    const errors = metrics.reduce((n, m) => n + m.errors, 0)
    const before = previous?.connectors.find((c) => c.name === status.name)
    const seconds = previous === undefined ? (now - startedAt) / 1000 : (now - previous.at) / 1000
    const rate = seconds > 0 ? (recordsOut - (before?.recordsOut ?? 0)) / seconds : 0
    return {
      name: status.name, type: status.type, state: stateOf(status), recordsIn, recordsOut, errors, rate,
      lag: status.type === 'sink' ? lag : undefined, failure: firstTraceLine(status),
      problem: status.tasks.find((t) => t.problem !== undefined)?.problem,
    }
  })
  return { at: now, elapsedMs: now - startedAt, connectors }
}
