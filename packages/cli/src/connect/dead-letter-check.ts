import { createKafkajsClient, createKafkaTopicBackend } from '@pipe/runtime'
import type { CompiledConnector } from '../analyze/compile-pipelines.js'
import type { Diagnostic } from '../diagnostic.js'
import { locateConnector } from './locate-connector.js'

const FACTOR_KEY = 'errors.deadletterqueue.topic.replication.factor'

/** A connector's dead-letter topic and the replication factor Kafka Connect creates it with (3 unless set). */
interface DeadLetter {
  readonly connector: CompiledConnector
  readonly topic: string
  readonly factor: number
  /** True when the factor is Kafka Connect's default, not set in the pipeline. */
  readonly isDefault: boolean
}

function deadLetters(connectors: readonly CompiledConnector[]): DeadLetter[] {
  return connectors.flatMap((connector) => {
    const topic = connector.document.config['errors.deadletterqueue.topic.name']?.trim() ?? ''
    const factor = Number((connector.document.config[FACTOR_KEY] ?? '3').trim())
    const isDefault = connector.document.config[FACTOR_KEY] === undefined
    return topic !== '' && Number.isInteger(factor) && factor > 1 ? [{ connector, topic, factor, isDefault }] : []
  })
}

function at(d: DeadLetter): Pick<Diagnostic, 'location' | 'pipeline' | 'connector'> {
  const { location } = locateConnector(d.connector.pipeline, d.connector.document.name, FACTOR_KEY)
  return { ...(location === undefined ? {} : { location }), pipeline: d.connector.pipeline.ir.name, connector: d.connector.document.name }
}

/**
 * What a Kafka Connect worker would fail on when a sink starts: a dead-letter topic it must create
 * with a replication factor above the cluster's broker count. With the cluster's brokers
 * (`--bootstrap-servers`), an error naming the topic, the factor, the broker count and the key;
 * without, a warning where the factor is the default 3 (the REST API does not tell the broker count).
 */
export async function checkDeadLetterTopics(connectors: readonly CompiledConnector[], bootstrapServers: string | undefined): Promise<Diagnostic[]> {
  const found = deadLetters(connectors)
  if (found.length === 0) return []
  if (bootstrapServers === undefined) {
    // a factor set in the pipeline is a choice; the silent default of 3 is what surprises on small clusters
    return found.filter((d) => d.isDefault).map((d): Diagnostic => ({
      code: 'PIPE_DLQ_REPLICATION_FACTOR', severity: 'warning', ...at(d),
      message: `dead-letter topic '${d.topic}' of connector '${d.connector.document.name}' gets Kafka Connect's default replication factor ${String(d.factor)} (${FACTOR_KEY}): the worker cannot create it on a cluster of fewer than ${String(d.factor)} brokers`,
      hint: `pass --bootstrap-servers (or PIPE_BOOTSTRAP_SERVERS) to check against the worker's cluster, or set deadLetterReplicationFactor in the sink's errors options`,
    }))
  }
  const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers, clientId: 'pipe-check' }) })
  try {
    const out: Diagnostic[] = []
    for (const d of found) {
      const brokers = await backend.unmetReplicationFactor?.({ name: d.topic, replicationFactor: d.factor })
      if (brokers === undefined) continue
      out.push({
        code: 'PIPE_DLQ_REPLICATION_FACTOR', severity: 'error', ...at(d),
        message: `dead-letter topic '${d.topic}' of connector '${d.connector.document.name}' needs replication factor ${String(d.factor)} (${FACTOR_KEY}) but the Kafka cluster at ${bootstrapServers} has ${String(brokers)} broker${brokers === 1 ? '' : 's'}`,
        hint: `set deadLetterReplicationFactor: ${String(brokers)} in the sink's errors options (${FACTOR_KEY}), or create the topic first`,
      })
    }
    return out
  } finally {
    await backend.close()
  }
}
