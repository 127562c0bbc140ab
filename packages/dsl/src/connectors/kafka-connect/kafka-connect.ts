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
 * The definition of a `kafkaConnect(className, ...)` connector in a role: no fields, every key kept
 * as given (option names are Kafka Connect keys), any record format.
 *
 * @example
 * ```ts
 * kafkaConnectDefinition('com.acme.S3Sink', 'sink').kafkaConnect // { class: 'com.acme.S3Sink' }
 * ```
 */
export function kafkaConnectDefinition(className: string, role: 'source' | 'sink'): ConnectorDefinition {
  return Object.freeze({
    name: KAFKA_CONNECT_CONNECTOR,
    role,
    doc: `Kafka Connect connector ${className}, configured with its own keys (kafkaConnect()).`,
    fields: {},
    formats: ['json', 'json-schema', 'string'],
    kafkaConnect: { class: className },
    pipeClass: className,
    unknownKeys: 'keep',
  } satisfies ConnectorDefinition)
}

/**
 * Any Kafka Connect connector, untyped: its class and its config keys as Kafka Connect takes them
 * (values strings, or `env()`/`secret()` placeholders). Compiles to exactly that `connector.class`
 * and those keys, plus pipe's converters, transforms, topic keys and `pipe.pipeline` marker.
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
): KafkaConnectConnector<T> {
  const definition = (role: 'source' | 'sink'): ConnectorDefinition => kafkaConnectDefinition(className, role)
  // the role is fixed by source()/.sink(); the record type is phantom
  return makeConnectorRef(definition, config, 'either', captureLocation()) as unknown as KafkaConnectConnector<T>
}
