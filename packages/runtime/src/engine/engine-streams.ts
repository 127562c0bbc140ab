import { defer, exhaustMap, from, interval, merge, mergeMap, of, type Observable } from 'rxjs'
import type { Clock } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { ConnectorHandle } from './connector-handle.js'
import type { ConnectorSample } from './engine-api.js'
import { sinkConsumerGroup, type ConnectorStatus } from '@pipe/dsl/contract'

/**
 * Each connector's status on subscription, then whenever it differs from the last one emitted:
 * looked at on every `changed` event (a state change) and every `sampleMs` (problems, which no
 * event announces). Each subscriber keeps its own last statuses.
 */
export function statusChanges(changed: Observable<unknown>, statuses: () => readonly ConnectorStatus[], sampleMs: number): Observable<ConnectorStatus> {
  return defer(() => {
    const last = new Map<string, string>()
    const fresh = (status: ConnectorStatus): boolean => {
      const text = JSON.stringify(status)
      if (last.get(status.name) === text) return false
      last.set(status.name, text)
      return true
    }
    return merge(of(0), changed, interval(sampleMs)).pipe(mergeMap(() => statuses().filter(fresh)))
  })
}

/** Figures of every connector every `sampleMs`; a slow sample (lag) is not queued behind by the next. */
export function sampled(sample: () => Promise<readonly ConnectorSample[]>, sampleMs: number): Observable<readonly ConnectorSample[]> {
  return interval(sampleMs).pipe(exhaustMap(() => from(sample())))
}

/** Lag of a sink's consumer group, from the embedded store (Kafka: not shown, reading it would join the group). */
export async function readLag(backend: TopicBackend, handle: ConnectorHandle): Promise<number | undefined> {
  const topics = handle.config['topics']?.split(',').map((t) => t.trim())
  if (handle.plugin.type !== 'sink' || backend.kind !== 'embedded' || topics === undefined) return undefined
  const consumer = await backend.consumer({ group: sinkConsumerGroup(handle.name), topics, member: { index: 0, count: 1 } })
  try {
    return await consumer.lag?.()
  } finally {
    await consumer.close()
  }
}

/** Lag read at most once a second per connector: it queries the store. */
export function throttledLag(read: (name: string) => Promise<number | undefined>, clock: Clock): (name: string) => Promise<number | undefined> {
  const cache = new Map<string, { at: number; value: number | undefined }>()
  return async (name) => {
    const hit = cache.get(name)
    if (hit !== undefined && clock.now() - hit.at < 1000) return hit.value
    const value = await read(name)
    cache.set(name, { at: clock.now(), value })
    return value
  }
}
