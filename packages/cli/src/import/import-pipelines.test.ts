import { compilePipeline, hasHeaderKey, lowerPipeline, not, pipeline, recordIsTombstone, source, topic, topicNameMatches } from '@pipe/dsl'
import { file, fileSink } from '@pipe/dsl/connectors'
import { describe, expect, it } from 'vitest'
import { importChain } from './import-steps.js'
import { importPipelines } from './import-pipelines.js'

const origin = { from: 'http://connect:8083', at: new Date('2026-01-02T03:04:05Z') }

function compiled(p: ReturnType<typeof pipeline>): { name: string; config: Record<string, string>; initial_state?: string }[] {
  const { ir, definitions } = lowerPipeline(p, { defaultName: 'p' })
  return compilePipeline(ir, { definitions }).connectors.map((c) => ({ name: c.name, config: { ...c.config }, ...(c.initial_state === undefined ? {} : { initial_state: c.initial_state }) }))
}

describe('importChain', () => {
  it('reads back every step and predicate pipe compiles, in order', () => {
    const p = pipeline([topic<{ a: string; b: number; c: string }>('in')
      .maskField(['a'], 'x').cast({ b: 'float64' }).dropIf(recordIsTombstone()).keepIf(topicNameMatches('in.*'))
      .when(not(hasHeaderKey('h')), (s) => s.insertHeader('k', 'v')).routeByRegex('in', 'out')
      .sink(fileSink({ file: 'o.txt' }))], { name: 'p', target: 'kafka-connect' })
    const [sink] = compiled(p)
    const chain = importChain(sink?.config ?? {})
    expect(chain.error).toBeUndefined()
    expect(chain.steps).toEqual([
      ".maskField(['a'], 'x')", ".cast({ b: 'float64' })", '.dropIf(recordIsTombstone())', ".keepIf(topicNameMatches('in.*'))",
      ".when(not(hasHeaderKey('h')), (s) => s.insertHeader('k', 'v'))", ".routeByRegex('in', 'out')",
    ])
    expect([...chain.imports].sort()).toEqual(['hasHeaderKey', 'not', 'recordIsTombstone', 'topicNameMatches'])
  })

  it('keeps hand-made aliases with .as() (the predicate\'s too) and writes none where pipe gives the same', () => {
    const chain = importChain({
      transforms: 'mask,mask-field-1,drop', 'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value', 'transforms.mask.fields': 'a',
      'transforms.mask-field-1.type': 'org.apache.kafka.connect.transforms.MaskField$Value', 'transforms.mask-field-1.fields': 'b',
      'transforms.drop.type': 'org.apache.kafka.connect.transforms.Filter', 'transforms.drop.predicate': 'isTomb',
      predicates: 'isTomb', 'predicates.isTomb.type': 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
    })
    expect(chain.steps).toEqual([".maskField(['a']).as('mask')", ".maskField(['b'])", ".dropIf(recordIsTombstone()).as('drop', { predicate: 'isTomb' })"])
  })

  it('refuses an unknown built-in SMT class and a predicate the chain does not declare', () => {
    expect(importChain({ transforms: 'x', 'transforms.x.type': 'org.apache.kafka.connect.transforms.Nope' }).error).toMatch(/unknown SMT type/)
    expect(importChain({ transforms: 'x', 'transforms.x.type': 'org.apache.kafka.connect.transforms.Filter', 'transforms.x.predicate': 'p' }).error)
      .toBe("transform predicate 'p' is not declared in predicates")
  })

  it('sends SetSchemaMetadata, a built-in SMT pipe has no step for, through kafkaConnectTransform', () => {
    const chain = importChain({ transforms: 's', 'transforms.s.type': 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value', 'transforms.s.schema.name': 'shop.Order' })
    expect(chain.error).toBeUndefined()
    expect(chain.steps).toEqual([".transform<Row>(kafkaConnectTransform('org.apache.kafka.connect.transforms.SetSchemaMetadata$Value', { 'schema.name': 'shop.Order' })).as('s')"])
  })

  it('sends a $Key variant and a plugin SMT through kafkaConnectTransform', () => {
    const chain = importChain({ transforms: 'k', 'transforms.k.type': 'org.apache.kafka.connect.transforms.Cast$Key', 'transforms.k.spec': 'string' })
    expect(chain.steps).toEqual([".transform<Row>(kafkaConnectTransform('org.apache.kafka.connect.transforms.Cast$Key', { spec: 'string' })).as('k')"])
  })

  it('calls a pulled SMT module with typed options, before kafkaConnectTransform', () => {
    const pulled = [{ kind: 'transform' as const, className: 'io.debezium.transforms.ExtractNewRecordState', factory: 'unwrap', specifier: '../smt/unwrap.js', fields: { 'drop.tombstones': 'bool', 'add.fields': 'list' } }]
    const chain = importChain({ transforms: 'u', 'transforms.u.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.u.drop.tombstones': 'false', 'transforms.u.add.fields': 'op,ts_ms' }, pulled)
    expect(chain.steps).toEqual([".transform<Row>(unwrap({ 'add.fields': ['op', 'ts_ms'], 'drop.tombstones': false })).as('u')"])
    expect(chain.modules).toEqual([['../smt/unwrap.js', 'unwrap']])
  })
})

describe('importPipelines', () => {
  it('groups a source with the sink of its topic under the pipeline name their names share', () => {
    const docs = compiled(pipeline([source(file({ file: 'in.txt' })).to(topic('lines')).sink(fileSink({ file: 'out.txt' }))], { name: 'copy' }))
    const { files, skipped } = importPipelines(docs, origin)
    expect(skipped).toEqual([])
    expect(files.map((f) => [f.file, f.connectors])).toEqual([['copy.ts', ['copy-source', 'copy-sink']]])
    expect(files[0]?.text).toMatch(/^\/\/ Imported by `pipe import` from http:\/\/connect:8083 at 2026-01-02T03:04:05.000Z\./)
    expect(files[0]?.text).toContain("import { file, fileSink } from '@pipe/dsl/connectors'")
  })

  it('writes FileStream as file()/fileSink() only in a format they take, else through kafkaConnect()', () => {
    const json = (schemas: string): Record<string, string> => ({ 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': schemas,
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': schemas })
    const { files, skipped } = importPipelines([
      { name: 'a-source', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: 'i', topic: 'a', ...json('false') } },
      { name: 'b-sink', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'b', ...json('true') } },
      { name: 'c-sink', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'c', ...json('false') } },
    ], origin)
    expect(skipped).toEqual([])
    const text = (file: string): string => files.find((f) => f.file === file)?.text ?? ''
    expect(text('a.ts')).toContain("source(kafkaConnect<Row>('org.apache.kafka.connect.file.FileStreamSourceConnector', {\n    file: 'i',\n  }, { routing: 'topic-key' }))")
    expect(text('b.ts')).toContain("kafkaConnect('org.apache.kafka.connect.file.FileStreamSinkConnector', {")
    expect(text('c.ts')).toContain("fileSink({ file: 'o' })")
  })

  it('writes a Debezium source of one table without a router with routing: none, into its table topic, with the sinks of that topic', () => {
    const { files, skipped } = importPipelines([
      { name: 'shop-source', config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'topic.prefix': 'pg', 'table.include.list': 'public.orders' } },
      { name: 'shop-copy', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'pg.public.orders' } },
    ], origin)
    expect(skipped).toEqual([])
    expect(files.map((f) => f.connectors)).toEqual([['shop-source', 'shop-copy']])
    expect(files[0]?.text).toContain("'table.include.list': 'public.orders',\n    'topic.prefix': 'pg',\n  }, { routing: 'none' }))\n  .to(topic('pg.public.orders'))")
  })

  it('keeps a name without a \'-\' whole with connectorName, and compiling the file gives it back', () => {
    const { files, skipped } = importPipelines([
      { name: 'legacy_export', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'a' } },
    ], origin)
    expect(skipped).toEqual([])
    expect(files.map((f) => f.file)).toEqual(['legacy_export.ts'])
    expect(files[0]?.text).toContain(".sink(fileSink({ file: 'o' }), { connectorName: 'legacy_export' })")
    const p = pipeline([topic('a').sink(fileSink({ file: 'o' }), { connectorName: 'legacy_export' })], { name: 'legacy_export' })
    expect(compiled(p).map((c) => c.name)).toEqual(['legacy_export'])
  })

  it('takes the role the worker reports: a source with a topics key is not read as a sink', () => {
    const camel = { 'connector.class': 'org.apache.camel.kafkaconnector.CamelSourceConnector', topics: 'ticks', 'camel.source.url': 'timer:tick' }
    const { files, skipped } = importPipelines([{ name: 'ticks-source', type: 'source', config: camel }], origin)
    expect(files).toEqual([])
    expect(skipped).toEqual([{ connector: 'ticks-source', reason: expect.stringMatching(/^a source without a topic key names its topics itself/) as unknown }])
  })

  it('keeps a name pipe would not give through an explicit name, and a sink of another prefix alone', () => {
    const { files } = importPipelines([
      { name: 'src-a', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: 'i', topic: 't' } },
      { name: 'other-b', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 't' } },
    ], origin)
    expect(files.map((f) => f.file)).toEqual(['src.ts', 'other.ts'])
    expect(files[0]?.text).toContain("{ name: 'a' }")
    expect(files[1]?.text).toContain("{ name: 'b' }")
  })

  it('never writes a literal or masked secret: env(<CONNECTOR>_<KEY>) and the variable is listed; a placeholder becomes env()/secret()', () => {
    const { files, variables } = importPipelines([{ name: 'db-sink', config: {
      'connector.class': 'com.acme.DbSink', topics: 't', 'db.password': 's3cret!', 'db.token': '*******',
      'db.user': '${vault:secret/db:user}', 'db.key': '${env:DB_KEY}',
    } }], origin)
    const text = files[0]?.text ?? ''
    expect(text).not.toContain('s3cret!')
    expect(text).toContain("'db.password': env('DB_SINK_DB_PASSWORD')")
    expect(text).toContain("'db.token': env('DB_SINK_DB_TOKEN')")
    expect(text).toContain("'db.user': secret('vault', 'secret/db', 'user')")
    expect(text).toContain("'db.key': env('DB_KEY')")
    expect(variables.map((v) => v.variable)).toEqual(['DB_SINK_DB_PASSWORD', 'DB_SINK_DB_TOKEN'])
  })

  it('writes a paused or stopped connector with its initial state, and compiling the file gives that state back', () => {
    const { files } = importPipelines([
      { name: 'copy-source', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file: 'i', topic: 't' }, state: 'PAUSED' },
      { name: 'copy-sink', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 't' }, state: 'STOPPED' },
      { name: 'run-sink', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'u' }, state: 'RUNNING' },
    ], origin)
    expect(files[0]?.text).toContain("source(file({ file: 'i' }), { initialState: 'paused' })")
    expect(files[0]?.text).toContain("fileSink({ file: 'o' }), { initialState: 'stopped' })")
    expect(files[1]?.text).not.toContain('initialState')
    const again = compiled(pipeline([source(file({ file: 'i' }), { initialState: 'paused' }).to(topic('t')).sink(fileSink({ file: 'o' }), { initialState: 'stopped' })], { name: 'copy' }))
    expect(again.map((d) => d.initial_state)).toEqual(['PAUSED', 'STOPPED'])
    const text = importPipelines(again.map(({ initial_state: state, ...d }) => (state === undefined ? d : { ...d, state })), origin).files[0]?.text
    expect(text).toContain("{ initialState: 'paused' }")
    expect(text).toContain("{ initialState: 'stopped' }")
  })

  it('skips what pipe cannot express, with the reason', () => {
    const { files, skipped } = importPipelines([
      { name: 'many-sink', config: { 'connector.class': 'com.acme.Sink', topics: 'a,b' } },
      { name: 'avro-sink', config: { 'connector.class': 'com.acme.Sink', topics: 'a', 'value.converter': 'io.confluent.connect.avro.AvroConverter' } },
      { name: 'cdc-source', config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'topic.prefix': 'pg', 'table.include.list': 'public.a,public.b' } },
      { name: 'legacy export', config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file: 'o', topics: 'a' } },
    ], origin)
    expect(files).toEqual([])
    expect(skipped.map((s) => s.connector)).toEqual(['avro-sink', 'cdc-source', 'legacy export', 'many-sink'])
    expect(skipped[0]?.reason).toMatch(/converters value\.converter=io\.confluent/)
    expect(skipped[2]?.reason).toBe("pipe names connectors with letters, digits, '.', '_' and '-' only: it cannot declare 'legacy export' under this name")
  })
})
