// Sink only: the customers change stream into a replica table (Debezium JDBC sink: upserts, deletes).
// Runs on Kafka Connect and with `pipe run`; REPLICA_URL names another database (jdbc:postgresql:// or jdbc:mariadb://).
import { topic, env } from '@pipe/dsl'
import { jdbc, type ChangeEvent } from '@pipe/dsl/connectors'
import { customersTopic, type Customer } from './customers-cdc.js'

export default topic<ChangeEvent<Customer>>(customersTopic.name, customersTopic.options).sink(
  jdbc({
    url: process.env['REPLICA_URL'] ?? 'jdbc:postgresql://127.0.0.1:5432/postgres',
    username: process.env['REPLICA_USER'] ?? 'postgres',
    password: env('REPLICA_PASSWORD'),
    insertMode: 'upsert',
    primaryKeyMode: 'record_key',
    deleteEnabled: true,
    schemaEvolution: 'basic',
    tableNameFormat: 'customers_replica',
  }),
  { errors: { tolerance: 'all', deadLetterTopic: 'customers-replica-dlq', deadLetterContextHeaders: true, retryTimeoutMs: 60_000, retryMaxDelayMs: 5_000 } },
).target('kafka-connect')
