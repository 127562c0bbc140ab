import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import { setOwn } from '../records/own-property.js'
import type { ConnectorDocument, ConnectorConfig } from '@pipe/dsl/contract'
import { RuntimeError } from '../errors.js'
import type { TopicBackend, TopicSpec } from '../topics/topic-backend.js'

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

const DLQ_FACTOR = 'errors.deadletterqueue.topic.replication.factor'

/** A topic a connector creates when missing, and the key its replication factor comes from. */
interface PlannedTopic {
  readonly spec: TopicSpec
  readonly what: string
  readonly factorKey: string
}

function plannedTopics(type: 'source' | 'sink', config: ConnectorConfig): PlannedTopic[] {
  const names = type === 'source' ? [config['topic']] : (config['topics'] ?? '').split(',').map((t) => t.trim())
  const planned = names.filter((n): n is string => n !== undefined && n !== '')
    .map((name) => ({ spec: creationSpec(config, name), what: 'topic', factorKey: 'topic.creation.default.replication.factor' }))
  const dlq = config['errors.deadletterqueue.topic.name']?.trim()
  if (dlq !== undefined && dlq !== '') {
    // Kafka Connect creates the dead-letter topic with this factor, 3 unless set
    const factor = Number((config[DLQ_FACTOR] ?? '3').trim())
    const spec = { ...creationSpec(config, dlq), ...(Number.isInteger(factor) && factor > 0 ? { replicationFactor: factor } : {}) }
    planned.push({ spec, what: 'dead-letter topic', factorKey: DLQ_FACTOR })
  }
  return planned
}

async function checkPlanned(backend: TopicBackend, planned: readonly PlannedTopic[]): Promise<void> {
  if (backend.unmetReplicationFactor === undefined) return
  for (const { spec, what, factorKey } of planned) {
    const brokers = await backend.unmetReplicationFactor(spec)
    if (brokers === undefined) continue
    const hint = factorKey === DLQ_FACTOR ? ' (deadLetterReplicationFactor in the sink\'s errors options)' : ''
    throw new RuntimeError('PIPE_REPLICATION_FACTOR', `${what} '${spec.name}' needs replication factor ${String(spec.replicationFactor ?? 0)} (${factorKey}) but the Kafka cluster has ${String(brokers)} broker${brokers === 1 ? '' : 's'}: set ${factorKey} to at most ${String(brokers)}${hint}, or create the topic first`)
  }
}

/**
 * Refuses a topic the connector would create with a replication factor the Kafka cluster cannot
 * meet (e.g. a dead-letter topic's default of 3 on one broker), before anything is created.
 */
export function checkTopicCreation(backend: TopicBackend, type: 'source' | 'sink', config: ConnectorConfig): Promise<void> {
  return checkPlanned(backend, plannedTopics(type, config))
}

/**
 * The same check for `pipe run`, before it creates anything: the pipelines' declared topics
 * (`topic(name, { replicationFactor })`) and the topics of each connector.
 */
export async function checkRunTopics(backend: TopicBackend, registry: ConnectorRegistry, topics: readonly TopicSpec[], connectors: readonly ConnectorDocument[]): Promise<void> {
  await checkPlanned(backend, topics.map((spec) => ({ spec, what: 'topic', factorKey: `replicationFactor of topic('${spec.name}')` })))
  for (const c of connectors) {
    const type = registry.connector(c.config['connector.class'] ?? '')?.type
    if (type !== undefined) await checkTopicCreation(backend, type, c.config)
  }
}

/** Creates the topics a connector writes or reads (and its dead-letter topic) when missing. */
export async function ensureTopics(backend: TopicBackend, type: 'source' | 'sink', config: ConnectorConfig): Promise<void> {
  await checkTopicCreation(backend, type, config)
  for (const { spec } of plannedTopics(type, config)) await backend.ensureTopic(spec)
}
