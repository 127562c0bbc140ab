// Source only: row changes of public.customers into a topic, with schemas (Debezium PostgresConnector).
// Needs the server's wal_level=logical and a user with REPLICATION; the worker resolves PG_PASSWORD.
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
    hostname: '127.0.0.1',
    user: 'postgres',
    password: env('PG_PASSWORD'),
    database: 'postgres',
    tables: ['public.customers'],
    slotName: 'pipe_customers',
    publicationName: 'pipe_customers',
  }),
)
  .dropIf(recordIsTombstone())
  .to(topic(customersTopic.name, customersTopic.options))
  .target('kafka-connect')
