import { createEngine, defaultRegistry, type Engine, type TopicBackend } from '@pipe/runtime'
import { filter, firstValueFrom, map, merge, mergeMap, share, take, type Observable } from 'rxjs'
import type { RunPlan } from './load-run-pipelines.js'
import type { ProgressView } from './progress-view.js'
import { stateOf, toSnapshot, type ConnectorFigures, type Snapshot } from './snapshot.js'
import type { StopSignal } from './stop-signal.js'

/** Everything a run needs besides the plan. */
export interface RunContext {
  readonly backend: TopicBackend
  readonly view: ProgressView
  readonly stop: StopSignal
  readonly now: () => number
  /** Exit once every task has been idle this long (`--max-idle`). */
  readonly maxIdleMs?: number | undefined
  /** How often the engine samples its figures. @default 100 */
  readonly tickMs?: number
  /** Called once the engine has accepted every config and started the tasks (a refused config says only its one line). */
  readonly onStarted?: () => void
  /** Serves the running engine's figures (`--metrics`) until the run ends. */
  readonly observe?: (engine: Engine) => Promise<{ close(): Promise<void> }>
}

/** How a run ended. */
export type RunOutcome =
  | { readonly kind: 'idle' | 'stopped'; readonly final: Snapshot }
  | { readonly kind: 'failed'; readonly connector: ConnectorFigures; readonly final: Snapshot }

/** Rates are taken over about the last second: against the newest snapshot at least that old. */
function rateReference(history: Snapshot[], now: number): Snapshot | undefined {
  while (history.length > 1 && now - (history[1]?.at ?? now) >= 1000) history.shift()
  return history[0]
}

/** Progress: a snapshot per metrics sample of the engine, shown as it comes. */
function snapshots(engine: Engine, context: RunContext, startedAt: number): Observable<Snapshot> {
  const history: Snapshot[] = []
  return engine.metrics$.pipe(map((samples) => {
    const now = context.now()
    const snapshot = toSnapshot(samples, startedAt, now, rateReference(history, now))
    history.push(snapshot)
    context.view.update(snapshot)
    return snapshot
  }))
}

/** Until a connector fails (the status stream), a stop is requested, or (--max-idle) every task is idle and every sink caught up. */
function watch(engine: Engine, context: RunContext, startedAt: number): Promise<RunOutcome> {
  const progress = snapshots(engine, context, startedAt).pipe(share())
  const failed = engine.status$.pipe(filter((s) => stateOf(s) === 'FAILED'), take(1), mergeMap(async (status): Promise<RunOutcome> => {
    const final = toSnapshot(await engine.sample(), startedAt, context.now())
    // the failure is newer than any sample: its figures are taken now
    return { kind: 'failed', connector: figuresOf(status.name, final), final }
  }))
  const ended = progress.pipe(mergeMap((snapshot): RunOutcome[] => {
    if (context.stop.requested) return [{ kind: 'stopped', final: snapshot }]
    // idle also needs every sink caught up, where its lag is known (embedded)
    const caughtUp = snapshot.connectors.every((c) => c.lag === undefined || c.lag === 0)
    return context.maxIdleMs !== undefined && caughtUp && engine.isIdle(context.maxIdleMs) ? [{ kind: 'idle', final: snapshot }] : []
  }))
  return firstValueFrom(merge(failed, ended))
}

function figuresOf(name: string, snapshot: Snapshot): ConnectorFigures {
  return snapshot.connectors.find((c) => c.name === name) ?? { name, type: 'source', state: 'FAILED', recordsIn: 0, recordsOut: 0, errors: 0, rate: 0, lag: undefined, failure: undefined }
}

/** Starts every connector (the engine creates the topics first), watches them until idle, stopped or failed, then stops gracefully. */
export async function runEngine(plan: RunPlan, context: RunContext): Promise<RunOutcome> {
  const { backend, view } = context
  const registry = defaultRegistry({ writer: { write: (line) => { view.print(line) } } })
  // the engine refuses, in one line and before anything is created, an unset ${env:VAR} or a topic Kafka cannot create
  const engine = createEngine({ backend, registry, steps: plan.steps, topics: plan.topics, unresolvedConfig: 'refuse', seedSinkCheckpoints: true, sampleMs: context.tickMs ?? 100 })
  const startedAt = context.now()
  await engine.start(plan.connectors)
  context.onStarted?.()
  let outcome: RunOutcome
  let observer: { close(): Promise<void> } | undefined
  try {
    observer = await context.observe?.(engine)
    outcome = await watch(engine, context, startedAt)
  } finally {
    await observer?.close()
    await engine.stop()
  }
  // the totals after the last flush; average rates over the busy time (without the final idle wait)
  const idleTail = outcome.kind === 'idle' ? (context.maxIdleMs ?? 0) : 0
  const final = toSnapshot(await engine.sample(), startedAt + idleTail, context.now())
  const stopped = final.connectors.map((c) => (c.state === 'UNASSIGNED' ? { ...c, state: 'STOPPED' as const } : c))
  return { ...outcome, final: { ...final, elapsedMs: final.elapsedMs + idleTail, connectors: stopped } }
}
