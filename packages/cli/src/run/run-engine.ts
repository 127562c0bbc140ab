import { checkRunTopics, createEngine, defaultRegistry, type Engine, type TopicBackend } from '@pipe/runtime'
import type { ProgressView } from '../report/progress.js'
import { seedSinkCheckpoints } from './seed-sink-checkpoints.js'
import type { RunPlan } from './load-run-pipelines.js'
import { takeSnapshot, type ConnectorFigures, type LagReader, type Snapshot } from './snapshot.js'
import type { StopSignal } from './stop-signal.js'
import { sinkConsumerGroup } from '@pipe/dsl/contract'

/** Everything a run needs besides the plan. */
export interface RunContext {
  readonly backend: TopicBackend
  readonly view: ProgressView
  readonly stop: StopSignal
  readonly now: () => number
  /** Exit once every task has been idle this long (`--max-idle`). */
  readonly maxIdleMs?: number | undefined
  /** How often the engine is looked at. @default 100 */
  readonly tickMs?: number
}

/** How a run ended. */
export type RunOutcome =
  | { readonly kind: 'idle' | 'stopped'; readonly final: Snapshot }
  | { readonly kind: 'failed'; readonly connector: ConnectorFigures; readonly final: Snapshot }

/** Lag of a sink's consumer group, from the embedded store (Kafka: not shown, it would join the group). */
export function lagReader(backend: TopicBackend, plan: RunPlan): LagReader {
  return async (name) => {
    const topics = plan.connectors.find((c) => c.name === name)?.config['topics']?.split(',').map((t) => t.trim())
    if (backend.kind !== 'embedded' || topics === undefined) return undefined
    const consumer = await backend.consumer({ group: sinkConsumerGroup(name), topics, member: { index: 0, count: 1 } })
    try {
      return await consumer.lag?.()
    } finally {
      await consumer.close()
    }
  }
}

/** Rates are taken over about the last second: against the newest snapshot at least that old. */
function rateReference(history: Snapshot[], now: number): Snapshot | undefined {
  while (history.length > 1 && now - (history[1]?.at ?? now) >= 1000) history.shift()
  return history[0]
}

async function watch(engine: Engine, context: RunContext, lag: LagReader, startedAt: number): Promise<RunOutcome> {
  const history: Snapshot[] = []
  for (;;) {
    await context.stop.wait(context.tickMs ?? 100)
    const now = context.now()
    const snapshot = await takeSnapshot(engine, startedAt, now, lag, rateReference(history, now))
    history.push(snapshot)
    context.view.update(snapshot)
    const failed = snapshot.connectors.find((c) => c.state === 'FAILED')
    if (failed !== undefined) return { kind: 'failed', connector: failed, final: snapshot }
    if (context.stop.requested) return { kind: 'stopped', final: snapshot }
    // idle also needs every sink caught up, where its lag is known (embedded)
    const caughtUp = snapshot.connectors.every((c) => c.lag === undefined || c.lag === 0)
    if (context.maxIdleMs !== undefined && caughtUp && engine.isIdle(context.maxIdleMs)) return { kind: 'idle', final: snapshot }
  }
}

/** Lag is read at most once a second: it queries the store. */
function throttled(read: LagReader, now: () => number): LagReader {
  const cache = new Map<string, { at: number; value: number | undefined }>()
  return async (name) => {
    const hit = cache.get(name)
    if (hit !== undefined && now() - hit.at < 1000) return hit.value
    const value = await read(name)
    cache.set(name, { at: now(), value })
    return value
  }
}

/** Creates the topics, starts every connector, watches them until idle, stopped or failed, then stops gracefully. */
export async function runEngine(plan: RunPlan, context: RunContext): Promise<RunOutcome> {
  const { backend, view } = context
  const registry = defaultRegistry({ writer: { write: (line) => { view.print(line) } } })
  const engine = createEngine({ backend, registry, steps: plan.steps })
  // a topic Kafka cannot create (replication factor above the broker count) is one line before anything is created
  await checkRunTopics(backend, registry, plan.topics, plan.connectors)
  for (const t of plan.topics) await backend.ensureTopic(t)
  await seedSinkCheckpoints(backend, registry, plan.connectors)
  const startedAt = context.now()
  await engine.start(plan.connectors)
  const lag = throttled(lagReader(backend, plan), context.now)
  let outcome: RunOutcome
  try {
    outcome = await watch(engine, context, lag, startedAt)
  } finally {
    await engine.stop()
  }
  // the totals after the last flush; average rates over the busy time (without the final idle wait)
  const idleTail = outcome.kind === 'idle' ? (context.maxIdleMs ?? 0) : 0
  const final = await takeSnapshot(engine, startedAt + idleTail, context.now(), lag)
  const stopped = final.connectors.map((c) => (c.state === 'UNASSIGNED' ? { ...c, state: 'STOPPED' as const } : c))
  return { ...outcome, final: { ...final, elapsedMs: final.elapsedMs + idleTail, connectors: stopped } }
}
