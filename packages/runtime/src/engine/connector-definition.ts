import type { ConnectorConfig } from '../tasks/task-context.js'

/** A compiled connector: exactly Kafka Connect's `POST /connectors` body. */
export interface ConnectorDefinition {
  readonly name: string
  readonly config: ConnectorConfig
}
