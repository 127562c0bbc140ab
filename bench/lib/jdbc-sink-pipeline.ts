// The bench's jdbc sink pipeline: change events of a topic (json-schema) upserted into a PostgreSQL table,
// customers-replica's settings; BENCH_TOPIC, BENCH_URL and BENCH_TABLE come from bench/databases.ts.
import { topic, env } from '@pipe/dsl'
import { jdbc } from '@pipe/dsl/connectors'

export default topic(process.env['BENCH_TOPIC'] ?? 'bench-changes', { format: 'json-schema' })
  .sink(jdbc({
    url: process.env['BENCH_URL'] ?? 'jdbc:postgresql://127.0.0.1:5433/postgres',
    username: 'postgres',
    password: env('BENCH_PASSWORD'),
    insertMode: 'upsert',
    primaryKeyMode: 'record_key',
    deleteEnabled: true,
    schemaEvolution: 'basic',
    tableNameFormat: process.env['BENCH_TABLE'] ?? 'bench_replica',
  }))
  .named(process.env['BENCH_NAME'] ?? 'bench-jdbc')
