/**
 * The offline/live agreement corpus (issue 11): Kafka Connect configs over the pulled plugins, each
 * written as a pipeline file with the pulled module (checked offline by `pipe check`) and sent as the
 * same keys to the worker's `PUT /connector-plugins/{class}/config/validate`. For each case both must
 * flag the same Kafka Connect keys, except the commented expected gaps, where the two sides are pinned.
 */

/** A value as written in the pipeline file; the worker gets its string form. */
export type CorpusValue =
  | string
  | number
  | boolean
  | readonly string[]
  /** `env('NAME')` in the file, `${env:NAME}` on the worker */
  | { readonly env: string }

/** The pulled plugins the corpus uses: the factory of its module, its class, and where a pipeline uses it. */
export const CORPUS_PLUGINS = {
  fileSource: { factory: 'fileStreamSourceConnector', class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', role: 'source' },
  fileSink: { factory: 'fileStreamSinkConnector', class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', role: 'sink' },
  postgres: { factory: 'postgresConnector', class: 'io.debezium.connector.postgresql.PostgresConnector', role: 'source' },
  jdbcSink: { factory: 'jdbcSinkConnector', class: 'io.debezium.connector.jdbc.JdbcSinkConnector', role: 'sink' },
  camelSink: { factory: 'camelSinkConnector', class: 'org.apache.camel.kafkaconnector.CamelSinkConnector', role: 'sink' },
  extractNewRecordState: { factory: 'extractNewRecordState', class: 'io.debezium.transforms.ExtractNewRecordState', role: 'transform' },
  extractField: { factory: 'extractFieldValue', class: 'org.apache.kafka.connect.transforms.ExtractField$Value', role: 'transform' },
  regexRouter: { factory: 'regexRouter', class: 'org.apache.kafka.connect.transforms.RegexRouter', role: 'transform' },
  timestampConverter: { factory: 'timestampConverterValue', class: 'org.apache.kafka.connect.transforms.TimestampConverter$Value', role: 'transform' },
  cast: { factory: 'castValue', class: 'org.apache.kafka.connect.transforms.Cast$Value', role: 'transform' },
  insertField: { factory: 'insertFieldValue', class: 'org.apache.kafka.connect.transforms.InsertField$Value', role: 'transform' },
  hoistField: { factory: 'hoistFieldValue', class: 'org.apache.kafka.connect.transforms.HoistField$Value', role: 'transform' },
  topicNameMatches: { factory: 'topicNameMatches', class: 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches', role: 'predicate' },
} as const

export type CorpusPlugin = keyof typeof CORPUS_PLUGINS

/** Where the two sides cannot agree, by design: each side's keys are pinned, and the reason is reported. */
export interface ExpectedGap {
  readonly offline: readonly string[]
  readonly live: readonly string[]
  readonly why: string
}

export interface CorpusCase {
  readonly id: string
  readonly plugin: CorpusPlugin
  readonly options: Readonly<Record<string, CorpusValue>>
  /** the keys the case is written to make both sides flag (empty: a good config) */
  readonly flags: readonly string[]
  readonly gap?: ExpectedGap
}

/** The database the Debezium cases validate against (the worker connects to it during validation). */
export interface CorpusDatabase {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly database: string
}

const pg = (db: CorpusDatabase): Record<string, CorpusValue> => ({
  'database.hostname': db.host,
  'database.port': db.port,
  'database.user': db.user,
  'database.password': { env: 'PG_PASSWORD' },
  'database.dbname': db.database,
  'topic.prefix': 'corpus',
  'plugin.name': 'pgoutput',
})

const without = (options: Record<string, CorpusValue>, key: string): Record<string, CorpusValue> =>
  Object.fromEntries(Object.entries(options).filter(([name]) => name !== key))

const jdbc: Record<string, CorpusValue> = {
  'connection.url': 'jdbc:postgresql://127.0.0.1:5432/postgres',
  'connection.username': 'postgres',
  'connection.password': { env: 'JDBC_PASSWORD' },
}

// Debezium marks its required keys with a validator, not in the ConfigDef: /config says required=false, so
// the pulled module types them optional and offline check cannot know; the worker's validate says "A value is required".
const literalPassword = 'a literal password is a pipe rule (PIPE_LITERAL_SECRET); Kafka Connect accepts any string for a PASSWORD key'

/** The corpus: at least 30 configs over FileStream, Debezium PostgreSQL and JDBC, Camel, SMTs and a predicate. */
export function corpusCases(db: CorpusDatabase): CorpusCase[] {
  const base = pg(db)
  return [
    // FileStream source and sink
    { id: 'file-source-good', plugin: 'fileSource', options: { file: '/tmp/corpus-in.txt' }, flags: [] },
    { id: 'file-source-batch-number', plugin: 'fileSource', options: { file: '/tmp/corpus-in.txt', 'batch.size': 500 }, flags: [] },
    { id: 'file-source-batch-string', plugin: 'fileSource', options: { file: '/tmp/corpus-in.txt', 'batch.size': 'abc' }, flags: ['batch.size'] },
    { id: 'file-source-batch-boolean', plugin: 'fileSource', options: { file: '/tmp/corpus-in.txt', 'batch.size': true }, flags: ['batch.size'] },
    { id: 'file-source-unknown-key', plugin: 'fileSource', options: { file: '/tmp/corpus-in.txt', 'corpus.unknown': 'kept' }, flags: [] },
    { id: 'file-sink-good', plugin: 'fileSink', options: { file: '/tmp/corpus-out.txt' }, flags: [] },
    // Debezium PostgreSQL source (the worker connects to the logical server while validating)
    { id: 'postgres-good', plugin: 'postgres', options: base, flags: [] },
    { id: 'postgres-good-lists', plugin: 'postgres', options: { ...base, 'table.include.list': ['public.a', 'public.b'], 'snapshot.mode': 'no_data' }, flags: [] },
    { id: 'postgres-unknown-key', plugin: 'postgres', options: { ...base, 'corpus.unknown': 'kept' }, flags: [] },
    { id: 'postgres-plugin-name', plugin: 'postgres', options: { ...base, 'plugin.name': 'wal2json' }, flags: ['plugin.name'] },
    { id: 'postgres-snapshot-mode', plugin: 'postgres', options: { ...base, 'snapshot.mode': 'sometimes' }, flags: ['snapshot.mode'] },
    { id: 'postgres-decimal-mode', plugin: 'postgres', options: { ...base, 'decimal.handling.mode': 'float' }, flags: ['decimal.handling.mode'] },
    { id: 'postgres-port-string', plugin: 'postgres', options: { ...base, 'database.port': 'five' }, flags: ['database.port'] },
    { id: 'postgres-batch-boolean', plugin: 'postgres', options: { ...base, 'max.batch.size': true }, flags: ['max.batch.size'] },
    { id: 'postgres-boolean-string', plugin: 'postgres', options: { ...base, 'include.unknown.datatypes': 'yes' }, flags: ['include.unknown.datatypes'] },
    {
      id: 'postgres-literal-password', plugin: 'postgres', options: { ...base, 'database.password': 'hunter2' }, flags: ['database.password'],
      gap: { offline: ['database.password'], live: [], why: literalPassword },
    },
    {
      id: 'postgres-missing-hostname', plugin: 'postgres', options: without(base, 'database.hostname'), flags: ['database.hostname'],
    },
    {
      id: 'postgres-missing-user', plugin: 'postgres', options: without(base, 'database.user'), flags: ['database.user'],
    },
    {
      id: 'postgres-missing-topic-prefix', plugin: 'postgres', options: without(base, 'topic.prefix'), flags: ['topic.prefix'],
    },
    // Debezium JDBC sink
    { id: 'jdbc-good', plugin: 'jdbcSink', options: jdbc, flags: [] },
    { id: 'jdbc-good-upsert', plugin: 'jdbcSink', options: { ...jdbc, 'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'delete.enabled': true }, flags: [] },
    // outside the documented set, yet neither side flags it: the JDBC sink recommends no values for insert.mode
    // and its validate accepts any string (both agree: nothing to flag at validate time)
    { id: 'jdbc-insert-mode-unlisted', plugin: 'jdbcSink', options: { ...jdbc, 'insert.mode': 'merge' }, flags: [] },
    { id: 'jdbc-batch-string', plugin: 'jdbcSink', options: { ...jdbc, 'batch.size': 'many' }, flags: ['batch.size'] },
    { id: 'jdbc-delete-string', plugin: 'jdbcSink', options: { ...jdbc, 'delete.enabled': 'maybe' }, flags: ['delete.enabled'] },
    { id: 'jdbc-pool-boolean', plugin: 'jdbcSink', options: { ...jdbc, 'connection.pool.max_size': false }, flags: ['connection.pool.max_size'] },
    {
      id: 'jdbc-literal-password', plugin: 'jdbcSink', options: { ...jdbc, 'connection.password': 'hunter2' }, flags: ['connection.password'],
      gap: { offline: ['connection.password'], live: [], why: literalPassword },
    },
    // Camel sink (the CQL component, as the repo's Camel tests use it)
    { id: 'camel-good', plugin: 'camelSink', options: { 'camel.sink.url': 'cql://127.0.0.1:9042/corpus?cql=INSERT INTO t (id) VALUES (?)' }, flags: [] },
    { id: 'camel-int-string', plugin: 'camelSink', options: { 'camel.sink.url': 'cql://127.0.0.1:9042/corpus', 'camel.aggregation.size': 'ten' }, flags: ['camel.aggregation.size'] },
    { id: 'camel-boolean-number', plugin: 'camelSink', options: { 'camel.sink.url': 'cql://127.0.0.1:9042/corpus', 'camel.map.headers': 1 }, flags: ['camel.map.headers'] },
    // SMTs, on a FileStream source
    { id: 'unwrap-good', plugin: 'extractNewRecordState', options: {}, flags: [] },
    // ExtractNewRecordState's delete.tombstone.handling.mode: Debezium 3.6 checks it in a validator (3.2 accepted any
    // string), and names the values neither in its ConfigDef nor as recommended values, so a pull cannot close the set
    {
      id: 'unwrap-tombstone-mode-unlisted', plugin: 'extractNewRecordState', options: { 'delete.tombstone.handling.mode': 'keep' }, flags: ['delete.tombstone.handling.mode'],
      gap: { offline: [], live: ['delete.tombstone.handling.mode'], why: 'Debezium 3.6 checks the mode in a validator; /config and recommended values do not name its values' },
    },
    { id: 'unwrap-boolean-string', plugin: 'extractNewRecordState', options: { 'drop.fields.keep.schema.compatible': 'maybe' }, flags: ['drop.fields.keep.schema.compatible'] },
    { id: 'extract-field-good', plugin: 'extractField', options: { field: 'after' }, flags: [] },
    { id: 'extract-field-missing', plugin: 'extractField', options: {}, flags: ['field'] },
    { id: 'regex-router-good', plugin: 'regexRouter', options: { regex: '(.*)', replacement: 'copy-$1' }, flags: [] },
    { id: 'regex-router-missing', plugin: 'regexRouter', options: {}, flags: ['regex', 'replacement'] },
    {
      id: 'timestamp-target-type', plugin: 'timestampConverter', options: { 'target.type': 'Epoch' }, flags: ['target.type'] },
    { id: 'timestamp-good', plugin: 'timestampConverter', options: { 'target.type': 'unix', field: 'ts' }, flags: [] },
    { id: 'insert-field-good', plugin: 'insertField', options: { 'static.field': 'origin', 'static.value': 'corpus' }, flags: [] },
    { id: 'hoist-field-missing', plugin: 'hoistField', options: {}, flags: ['field'] },
    {
      id: 'cast-bad-spec', plugin: 'cast', options: { spec: ['amount:money'] }, flags: ['spec'],
      gap: { offline: [], live: ['spec'], why: 'Cast checks each spec entry (field:type) in its own validator; /config exposes spec as a plain LIST' },
    },
    // a predicate, on a Filter (dropIf)
    { id: 'topic-matches-good', plugin: 'topicNameMatches', options: { pattern: 'corpus-.*' }, flags: [] },
    { id: 'topic-matches-missing', plugin: 'topicNameMatches', options: {}, flags: ['pattern'] },
    {
      id: 'topic-matches-bad-regex', plugin: 'topicNameMatches', options: { pattern: '[(' }, flags: ['pattern'],
      gap: { offline: [], live: ['pattern'], why: 'TopicNameMatches compiles the regex in its validator; /config exposes pattern as a plain STRING' },
    },
  ]
}
