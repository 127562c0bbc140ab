// What `pipe plugins pull` writes for a connector plugin (here: Debezium's PostgreSQL source, a few
// of its keys): the unit and type tests use it as a pulled module in a user's repo.
import {
  defineConnector, field, JAVA_RANGES, sourceRef, type OpenOptions, type SourceConnector,
} from '../connectors/index.js'

export const postgresConnectorDefinition = defineConnector({
  name: 'io.debezium.connector.postgresql.PostgresConnector',
  role: 'source',
  doc: 'Debezium PostgreSQL source (pulled from the worker).',
  fields: {
    /** Resolvable hostname or IP address of the database server. */
    'database.hostname': field.string({ doc: 'Resolvable hostname or IP address of the database server.' }),
    'database.port': field.int({ doc: 'Port of the database server.', ...JAVA_RANGES.int, optional: true }),
    'database.password': field.password({ doc: 'Password of the database user.', optional: true }),
    'topic.prefix': field.string({ doc: 'Topic prefix.' }),
    'plugin.name': field.enum(['decoderbufs', 'pgoutput'], { doc: 'The logical decoding plugin.', optional: true }),
    'table.include.list': field.list({ doc: 'Tables to capture.', optional: true }),
    'heartbeat.action.query.ratio': field.double({ doc: 'A double, for the tests.', optional: true }),
    'snapshot.select.statement.overrides.class': field.class({ doc: 'A class, for the tests.', optional: true }),
    'include.unknown.datatypes': field.bool({ doc: 'Include unknown data types.', optional: true }),
  },
  formats: ['json'],
  kafkaConnect: { class: 'io.debezium.connector.postgresql.PostgresConnector', version: '2.7.3.Final', routing: 'router' },
  pipeClass: 'io.debezium.connector.postgresql.PostgresConnector',
  unknownKeys: 'warn',
})

/** Options of {@link postgresConnector}: the plugin's keys, typed; other keys are passed through with a warning. */
export type PostgresConnectorOptions = OpenOptions<typeof postgresConnectorDefinition.fields>

/** Debezium's PostgreSQL source. */
export function postgresConnector<T = unknown>(options: PostgresConnectorOptions): SourceConnector<T> {
  return sourceRef<T>(postgresConnectorDefinition, options)
}
