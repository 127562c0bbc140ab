/** Where the Debezium pipeline reads from and writes to. */
export interface DebeziumPipelineOptions {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly database: string
  /** `schema.table` */
  readonly table: string
  /** the replication slot's and the publication's name */
  readonly slot: string
  readonly topic: string
}

/**
 * The text of a pipeline file: Debezium's PostgreSQL source on one table, its records flattened by
 * ExtractNewRecordState, into one topic; both from the modules `pipe plugins pull` wrote into
 * `./connectors`, the password `env('PG_PASSWORD')`.
 *
 * @example
 * project.write('cdc.ts', debeziumPipeline({ host: '127.0.0.1', port: 5433, user: 'postgres', database: 'postgres', table: 'public.t', slot: 's', topic: 't' }))
 */
export function debeziumPipeline(options: DebeziumPipelineOptions): string {
  return [
    "import { source, topic, env } from '@pipe/dsl'",
    "import { extractNewRecordState, postgresConnector } from './connectors/index.js'",
    '',
    'export default source(postgresConnector({',
    `  'database.hostname': '${options.host}',`,
    `  'database.port': ${options.port},`,
    `  'database.user': '${options.user}',`,
    "  'database.password': env('PG_PASSWORD'),",
    `  'database.dbname': '${options.database}',`,
    "  'plugin.name': 'pgoutput',",
    `  'topic.prefix': '${options.topic}',`,
    `  'table.include.list': ['${options.table}'],`,
    `  'slot.name': '${options.slot}',`,
    `  'publication.name': '${options.slot}',`,
    '}))',
    "  .transform(extractNewRecordState({ 'delete.tombstone.handling.mode': 'drop' }))",
    `  .to(topic('${options.topic}', { format: 'json-schema' }))`,
    "  .target('kafka-connect')",
    '',
  ].join('\n')
}
