/** The cassandra sink (cassandra-driver), runtime side. */
export { CASSANDRA_SINK_CLASS, cassandraPlugins, createCassandraSinkConnector, createCassandraSinkTask } from './cassandra-sink-task.js'
export type { CassandraSinkDeps, CassandraSinkTask } from './cassandra-sink-task.js'
export { CASSANDRA_KEYS, CassandraConfigError, parseCassandraSinkConfig } from './cassandra-sink-config.js'
export type { CassandraSinkConfig, ConsistencyName, FieldKind } from './cassandra-sink-config.js'
export { CassandraRecordError, CassandraWriter, createClient } from './cassandra-writer.js'
export type { WriterLogger, WriterStatus } from './cassandra-writer.js'
export { CassandraSchemaError, checkMapping, insertStatement } from './table-schema.js'
export type { TableColumn, TableSchema } from './table-schema.js'
