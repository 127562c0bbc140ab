import type { EnvSource } from '../../engine/config-providers.js'
import type { ConnectorRegistry } from '../../tasks/connector-registry.js'
import type { Clock } from '../../tasks/task-context.js'
import type { KafkaSecurity } from '../../topics/kafka-security.js'
import type { TopicBackend } from '../../topics/topic-backend.js'

/** Where a distributed worker keeps its state: Kafka Connect's worker keys. */
export interface DistributedConfig {
  readonly bootstrapServers: string
  /** TLS and SASL of the worker's own clients (Kafka Connect's unprefixed security keys); plaintext when unset. */
  readonly security?: KafkaSecurity
  /** `group.id` */
  readonly groupId: string
  /** `config.storage.topic` (1 partition) */
  readonly configTopic: string
  /** `offset.storage.topic` (25 partitions when created) */
  readonly offsetsTopic: string
  /** `status.storage.topic` (5 partitions when created) */
  readonly statusTopic: string
  /**
   * `config.storage.replication.factor`, `offset.storage.replication.factor`, `status.storage.replication.factor`:
   * used when the topics are created; the broker's default (-1) when unset.
   */
  readonly replicationFactors?: { readonly config?: number; readonly offsets?: number; readonly status?: number }
  /** `session.timeout.ms`: how long the group waits for a worker that died. @default 10000 */
  readonly sessionTimeoutMs?: number
  /** `heartbeat.interval.ms`; Kafka Connect's default is 3000, pipe's 1000 so that a worker that leaves is noticed in about a second. @default 1000 */
  readonly heartbeatIntervalMs?: number
}

/** What a distributed worker runs on. */
export interface DistributedWorkerOptions extends DistributedConfig {
  /** `host:port` of the REST listener: the worker_id in statuses. */
  readonly workerId: string
  /** The Kafka backend (topics, sink groups, offsets topic writes). */
  readonly backend: TopicBackend
  readonly registry: ConnectorRegistry
  readonly env: EnvSource
  readonly clock?: Clock
  readonly log: (line: string) => void
  /** The version the worker's plugins report (`GET /connector-plugins`), written in its status records. @default '0.1.0' */
  readonly pluginVersion?: string
}
