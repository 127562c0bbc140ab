import type { ConnectorConfig } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import { setOwn } from '../records/own-property.js'

/** `topic.creation.default.*` options of a source connector (partitions, replication factor, topic configs). */
function creationSpec(config: ConnectorConfig, name: string): { name: string; partitions?: number; replicationFactor?: number; config: Record<string, string> } {
  const prefix = 'topic.creation.default.'
  const topicConfig: Record<string, string> = {}
  let partitions: number | undefined
  let replicationFactor: number | undefined
  for (const [k, v] of Object.entries(config)) {
    if (!k.startsWith(prefix)) continue
    const key = k.slice(prefix.length)
    if (key === 'partitions') partitions = Number(v)
    else if (key === 'replication.factor') replicationFactor = Number(v)
    else setOwn(topicConfig, key, v)
  }
  const spec = { name, config: topicConfig }
  return { ...spec, ...(partitions !== undefined && partitions > 0 ? { partitions } : {}), ...(replicationFactor !== undefined && replicationFactor > 0 ? { replicationFactor } : {}) }
}

/** Creates the topics a connector writes or reads (and its dead-letter topic) when missing. */
export async function ensureTopics(backend: TopicBackend, type: 'source' | 'sink', config: ConnectorConfig): Promise<void> {
  const names = type === 'source' ? [config['topic']] : (config['topics'] ?? '').split(',').map((t) => t.trim())
  const dlq = config['errors.deadletterqueue.topic.name']?.trim()
  for (const name of [...names, dlq]) {
    if (name !== undefined && name !== '') await backend.ensureTopic(creationSpec(config, name))
  }
}
