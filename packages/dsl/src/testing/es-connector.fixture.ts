// A connector defined outside @pipe/dsl, as a user's `connectors/es.ts` would: used by the tests of
// user-defined connectors (check, compile, plan, docs) and of where their diagnostics point.
import { defineConnector, sinkRef, type DefinitionOptions, type SinkConnector } from '../connectors/define-connector.js'
import { field, JAVA_RANGES } from '../connectors/field.js'

export const esDefinition = defineConnector({
  name: 'es',
  role: 'sink',
  doc: 'Elasticsearch sink (Confluent)',
  fields: {
    url: field.string({ key: 'connection.url', doc: 'Elasticsearch URL' }),
    password: field.secret({ key: 'connection.password', doc: 'password', optional: true }),
    batchSize: field.int({ key: 'batch.size', doc: 'records per bulk request', ...JAVA_RANGES.int, optional: true }),
    ratio: field.double({ key: 'flush.ratio', doc: 'a ratio', min: 0, max: 1, optional: true }),
    mode: field.enum(['insert', 'upsert'], { key: 'write.method', doc: 'write method', optional: true }),
    mapper: field.class({ key: 'mapper.class', doc: 'a class', optional: true }),
  },
  formats: ['json'],
  kafkaConnect: { class: 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', version: '14.1.2' },
  pipeClass: 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
})

export const es = (options: DefinitionOptions<typeof esDefinition>): SinkConnector<unknown> => sinkRef(esDefinition, options)
