import type { TopicBackend, TopicMessage } from '../topics/topic-backend.js'
import type { TaskControl } from './task-control.js'

/** How often a throttled task looks again. */
const RECHECK_MS = 100

function topicsOf(messages: readonly TopicMessage[]): string[] {
  const topics: string[] = []
  let previous: string | undefined
  for (const m of messages) {
    if (m.topic !== previous && !topics.includes(m.topic)) topics.push(m.topic)
    previous = m.topic
  }
  return topics
}

/**
 * Waits while the backend says the topics of `messages` are full (the embedded store's bound,
 * see `TopicBackend.pressure`), showing why as the task's problem; returns at once when not, and
 * when the task is asked to stop.
 */
export async function awaitRoom(control: TaskControl, backend: TopicBackend, messages: readonly TopicMessage[]): Promise<void> {
  if (backend.pressure === undefined || messages.length === 0) return
  const topics = topicsOf(messages)
  for (let why = backend.pressure(topics); why !== undefined && !control.isStopping(); why = backend.pressure(topics)) {
    control.throttled = why
    await control.sleep(RECHECK_MS)
  }
  control.throttled = undefined
}
