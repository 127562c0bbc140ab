import type { ConnectState, ConnectorStatus, Engine } from '@pipe/runtime'

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

/** Lag per sink connector, when the backend can tell. */
export type LagReader = (connector: string) => Promise<number | undefined>

function firstTraceLine(engine: Engine, name: string): string | undefined {
  const status = engine.status(name)
  const trace = status.connector.trace ?? status.tasks.find((t) => t.state === 'FAILED')?.trace
  return trace?.split('\n')[0]
}

function stateOf(engine: Engine, name: string): ConnectState {
  const status = engine.status(name)
  return status.tasks.some((t) => t.state === 'FAILED') ? 'FAILED' : status.connector.state
}

/** Reads the engine's statuses and metrics; rates relative to `previous`. */
export async function takeSnapshot(engine: Engine, startedAt: number, now: number, lag: LagReader, previous?: Snapshot): Promise<Snapshot> {
  const connectors: ConnectorFigures[] = []
  for (const status of engine.statuses()) {
    const metrics = engine.metrics(status.name)
    const recordsIn = metrics.reduce((n, m) => n + m.recordsIn, 0)
    const recordsOut = metrics.reduce((n, m) => n + m.recordsOut, 0)
    const errors = metrics.reduce((n, m) => n + m.errors, 0)
    const before = previous?.connectors.find((c) => c.name === status.name)
    const seconds = previous === undefined ? (now - startedAt) / 1000 : (now - previous.at) / 1000
    const rate = seconds > 0 ? (recordsOut - (before?.recordsOut ?? 0)) / seconds : 0
    connectors.push({
      name: status.name, type: status.type, state: stateOf(engine, status.name), recordsIn, recordsOut, errors, rate,
      lag: status.type === 'sink' ? await lag(status.name) : undefined, failure: firstTraceLine(engine, status.name),
      problem: status.tasks.find((t) => t.problem !== undefined)?.problem,
    })
  }
  return { at: now, elapsedMs: now - startedAt, connectors }
}
