// Source only: row changes of public.customers into a topic, with schemas (Debezium PostgresConnector).
// Needs the server's wal_level=logical and a user with REPLICATION; the worker resolves PG_PASSWORD.
// Runs on Kafka Connect (Debezium) and with `pipe run` (pipe's own pgoutput reader, the same events and offsets).
// PG_HOST, PG_PORT and PG_DATABASE say where the database is when it is not the default.
import { source, topic, env, recordIsTombstone } from '@pipe/dsl'
import { postgresCdc } from '@pipe/dsl/connectors'

/** A row of public.customers. */
export interface Customer {
  readonly id: number
  readonly name: string
  readonly email: string
}

export const customersTopic = { name: 'pg.customers', options: { partitions: 1, format: 'json-schema' } } as const

export default source(
  postgresCdc<Customer>({
    hostname: process.env['PG_HOST'] ?? '127.0.0.1',
    port: Number(process.env['PG_PORT'] ?? 5432),
    user: 'postgres',
    password: env('PG_PASSWORD'),
    database: process.env['PG_DATABASE'] ?? 'postgres',
    tables: ['public.customers'],
    slotName: 'pipe_customers',
    publicationName: 'pipe_customers',
  }),
)
  .dropIf(recordIsTombstone())
  .to(topic(customersTopic.name, customersTopic.options))
  .target('kafka-connect')
