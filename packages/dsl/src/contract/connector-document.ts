/**
 * A connector's config: Kafka Connect's `Map<String, String>`. Values may hold unresolved
 * placeholders such as `${env:VAR}` until a worker resolves them for a task.
 *
 * @example
 * ```ts
 * const config: ConnectorConfig = { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: 'in.txt' }
 * ```
 */
export type ConnectorConfig = Readonly<Record<string, string>>

/**
 * One compiled connector: exactly the body of Kafka Connect's `POST /connectors`. What `pipe compile`
 * writes, `pipe deploy` sends, and `pipe run` and `pipe worker` start.
 *
 * @example
 * ```ts
 * const doc: ConnectorDocument = { name: 'lines-source', config: { 'connector.class': '...', file: 'in.txt' } }
 * ```
 */
export interface ConnectorDocument {
  readonly name: string
  readonly config: ConnectorConfig
  /** The state to create the connector in (Kafka Connect 3.7+, KIP-980); absent: RUNNING. */
  readonly initial_state?: 'RUNNING' | 'PAUSED' | 'STOPPED'
}

/**
 * The consumer group of a sink connector's tasks, as Kafka Connect names it (`SinkUtils.consumerGroupId`).
 *
 * @example
 * ```ts
 * sinkConsumerGroup('orders-sink') // 'connect-orders-sink'
 * ```
 */
export function sinkConsumerGroup(connector: string): string {
  return `connect-${connector}`
}
