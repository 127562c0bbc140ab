import { captureLocation } from '../../ir/capture-location.js'
import type { Secret } from '../../ir/secret.js'
import { makeConnectorRef, type ConnectorDefinition, type ConnectorRef } from '../define-connector.js'

/** The connector name of `kafkaConnect()` nodes in the IR (their class is in their definition). */
export const KAFKA_CONNECT_CONNECTOR = 'kafka-connect'

/**
 * A connector made by {@link kafkaConnect}: usable in `source(...)` and in `.sink(...)` (its role
 * is where it is used; `never` is assignable to both roles).
 *
 * @example
 * ```ts
 * const c: KafkaConnectConnector<unknown> = kafkaConnect('com.acme.S3Sink', { 's3.bucket.name': 'b' })
 * ```
 */
export type KafkaConnectConnector<T> = ConnectorRef<never, T>

/**
 * Options of {@link kafkaConnect}.
 *
 * @example
 * ```ts
 * kafkaConnect('org.apache.kafka.connect.file.FileStreamSourceConnector', { file: 'in.txt' }, { routing: 'topic-key' })
 * ```
 */
export interface KafkaConnectOptions {
  /**
   * Sources: how records reach the pipeline's topic: `'router'` (default) appends a RegexRouter that
   * renames every record's topic to it, whatever topics the connector names (Debezium's
   * `<prefix>.<schema>.<table>`, a JDBC source's `<prefix><table>`); `'topic-key'` writes the
   * `topic` key instead, for connectors that take one; `'none'` writes neither: the connector writes the
   * topics it names itself (Debezium's `<topic.prefix>.<schema>.<table>`), and the pipeline topic is
   * the one of them its sinks read (what `pipe import` writes for a Debezium source of one table).
   * @default 'router'
   */
  readonly routing?: 'router' | 'topic-key' | 'none'
}

/**
 * The definition of a `kafkaConnect(className, ...)` connector in a role: no fields, every key kept
 * as given (option names are Kafka Connect keys), any record format.
 *
 * @example
 * ```ts
 * kafkaConnectDefinition('com.acme.S3Sink', 'sink').kafkaConnect // { class: 'com.acme.S3Sink' }
 * ```
 */
export function kafkaConnectDefinition(className: string, role: 'source' | 'sink', options: KafkaConnectOptions = {}): ConnectorDefinition {
  return Object.freeze({
    name: KAFKA_CONNECT_CONNECTOR,
    role,
    doc: `Kafka Connect connector ${className}, configured with its own keys (kafkaConnect()).`,
    fields: {},
    formats: ['json', 'json-schema', 'string'],
    // a source's records reach the pipeline topic whatever topics the connector names (Debezium, JDBC, ...)
    kafkaConnect: { class: className, routing: options.routing ?? 'router' },
    pipeClass: className,
    unknownKeys: 'keep',
  } satisfies ConnectorDefinition)
}

/**
 * Any Kafka Connect connector, untyped: its class and its config keys as Kafka Connect takes them
 * (values strings, or `env()`/`secret()` placeholders). Compiles to exactly that `connector.class`
 * and those keys, plus pipe's converters, transforms, topic keys and `pipe.pipeline` marker; a
 * source's records are routed to the pipeline topic (see {@link KafkaConnectOptions.routing}).
 * `pipe check` refuses keys pipe sets itself (`connector.class`, `name`, `transforms*`,
 * `predicates*`, ...), malformed `${...}` placeholders and literal values of secret-looking keys.
 *
 * @example
 * ```ts
 * source(kafkaConnect('io.debezium.connector.mysql.MySqlConnector', {
 *   'database.hostname': 'db', 'database.password': env('MYSQL_PASSWORD'), 'topic.prefix': 'shop',
 * })).to(topic('shop'))
 * topic('orders').sink(kafkaConnect<{ id: string }>('io.confluent.connect.s3.S3SinkConnector', { 's3.bucket.name': 'orders' }))
 * ```
 */
export function kafkaConnect<T = unknown>(
  className: string,
  config: Readonly<Record<string, string | Secret>>,
  options: KafkaConnectOptions = {},
): KafkaConnectConnector<T> {
  const definition = (role: 'source' | 'sink'): ConnectorDefinition => kafkaConnectDefinition(className, role, options)
  // the role is fixed by source()/.sink(); the record type is phantom
  return makeConnectorRef(definition, config, 'either', captureLocation()) as unknown as KafkaConnectConnector<T>
}
