import { describe, expect, it } from 'vitest'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { FIXTURES, customersCdc, customersReplica, fileCopy, ordersFork, topicCopy, tweets, usersWithCode } from '../testing/pipelines.fixture.js'
import { compilePipeline } from '../testing/builtin-catalog.fixture.js'
import { env } from '../builder/secret.js'
import { source, topic } from '../builder/source.js'
import { datagen } from '../connectors/datagen/datagen-source.js'
import { file } from '../connectors/file/file-source.js'
import { jdbc } from '../connectors/jdbc/jdbc-sink.js'

const ir = (make: () => Parameters<typeof toPipelineIR>[0], name = 'p') => toPipelineIR(make(), { defaultName: name })

describe('compilePipeline', () => {
  it('compiles file -> topic -> file to FileStream connectors with explicit converters', () => {
    const result = compilePipeline(ir(fileCopy, 'file-copy'))
    expect(result.diagnostics).toEqual([])
    expect(result.topics).toEqual([{ name: 'lines', partitions: 1, config: {} }])
    expect(result.connectors).toEqual([
      {
        name: 'file-copy-source',
        config: {
          'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
          'errors.tolerance': 'none',
          file: 'data/input.txt',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          name: 'file-copy-source',
          'pipe.pipeline': 'file-copy',
          'tasks.max': '1',
          topic: 'lines',
          'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        },
      },
      {
        name: 'file-copy-sink',
        config: {
          'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
          'errors.tolerance': 'none',
          file: 'build/output.txt',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          name: 'file-copy-sink',
          'pipe.pipeline': 'file-copy',
          'tasks.max': '1',
          topics: 'lines',
          'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        },
      },
    ])
  })

  it('emits configs with sorted keys and string values only', () => {
    for (const [name, make] of Object.entries(FIXTURES)) {
      for (const connector of compilePipeline(ir(make, name), { target: 'pipe' }).connectors) {
        const keys = Object.keys(connector.config)
        expect(keys).toEqual([...keys].sort())
        expect(Object.values(connector.config).every((v) => typeof v === 'string')).toBe(true)
        expect(connector.config['name']).toBe(connector.name)
      }
    }
  })

  it('never resolves secrets: env() and secret() become config-provider placeholders', () => {
    const cdc = compilePipeline(ir(customersCdc, 'cdc')).connectors[0]?.config
    expect(cdc?.['database.password']).toBe('${file:/etc/pipe/pg.properties:password}')
    const replica = compilePipeline(ir(customersReplica, 'replica')).connectors[0]?.config
    expect(replica?.['connection.password']).toBe('${env:DB_PASSWORD}')
    expect(JSON.stringify(replica)).not.toMatch(/config\.providers/)
  })

  it('compiles postgres CDC to Debezium with pgoutput, schemas on and a router to the pipeline topic', () => {
    const config = compilePipeline(ir(customersCdc, 'cdc')).connectors[0]?.config
    expect(config).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'topic.prefix': 'pg.customers',
      'value.converter.schemas.enable': 'true',
      transforms: 'filter-0,route-to-topic',
      'transforms.filter-0.predicate': 'filter-0-if',
      'predicates.filter-0-if.type': 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
      'transforms.route-to-topic.replacement': 'pg.customers',
    })
    expect(config).not.toHaveProperty('topic')
  })

  it('compiles the jdbc sink to Debezium JDBC with its keys, schemas on and no diagnostics', () => {
    const result = compilePipeline(ir(customersReplica, 'replica'))
    expect(result.diagnostics).toEqual([])
    expect(result.connectors[0]?.config).toMatchObject({
      'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
      'connection.url': 'jdbc:postgresql://db/replica',
      'connection.username': 'app',
      'insert.mode': 'upsert',
      'primary.key.mode': 'record_key',
      'delete.enabled': 'true',
      'value.converter.schemas.enable': 'true',
      topics: 'pg.customers',
    })
  })

  it('compiles the cassandra sink to the Camel CQL sink and warns that values must be arrays', () => {
    const result = compilePipeline(ir(tweets, 'tweets'))
    const sink = result.connectors.find((c) => c.name === 'tweets-sink')
    expect(sink?.config['connector.class']).toBe('org.apache.camel.kafkaconnector.CamelSinkConnector')
    expect(decodeURIComponent(sink?.config['camel.sink.url'] ?? '')).toBe('cql://127.0.0.1:9042/social?cql=INSERT INTO social.tweets (id, body, author) VALUES (?, ?, ?)')
    expect(sink?.config['value.converter.schemas.enable']).toBe('false')
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.connector])).toEqual([
      ['PIPE_NOT_PORTABLE_CONNECTOR', 'error', 'tweets-source'],
      ['PIPE_CASSANDRA_ARRAY_VALUE', 'warning', 'tweets-sink'],
    ])
  })

  it('reports TypeScript steps for Kafka Connect with their file:line', () => {
    const result = compilePipeline(ir(usersWithCode))
    const steps = result.diagnostics.filter((d) => d.code === 'PIPE_NOT_PORTABLE_STEP')
    expect(steps).toHaveLength(3)
    expect(steps[0]?.message).toMatch(/^TypeScript step \.filter\(\) at .*pipelines\.fixture\.ts:\d+:\d+ runs only on the pipe runtime/)
    expect(steps[0]?.location?.file).toMatch(/pipelines\.fixture\.ts$/)
  })

  it('compiles TypeScript steps to pipe:map / pipe:filter / pipe:flat-map with their ref for the pipe target', () => {
    const result = compilePipeline(ir(usersWithCode), { target: 'pipe' })
    expect(result.diagnostics).toEqual([])
    const [src, sink] = result.connectors
    expect(src?.config).toMatchObject({
      'connector.class': 'pipe:datagen-source',
      transforms: 'filter-0,map-1,flatten-2',
      'transforms.filter-0.type': 'pipe:filter',
      'transforms.filter-0.ref': 'users/filter#0',
      'transforms.map-1.type': 'pipe:map',
      'transforms.map-1.ref': 'users/map#0',
      'transforms.flatten-2.delimiter': '_',
    })
    expect(sink?.config['transforms']).toBe('mask-field-0,hoist-field-1,extract-field-2,regex-router-3,timestamp-router-4,flat-map-5')
    expect(sink?.config['transforms.flat-map-5.type']).toBe('pipe:flat-map')
    expect(sink?.config['transforms.mask-field-0.negate']).toBe('true')
  })

  it('names forked sinks and applies the error policy with a dead-letter topic', () => {
    const result = compilePipeline(ir(ordersFork), { target: 'pipe' })
    expect(result.connectors.map((c) => c.name)).toEqual(['orders-source', 'orders-sink-1', 'orders-sink-2'])
    expect(result.connectors[1]?.config).toMatchObject({
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'orders-dlq',
      'errors.deadletterqueue.context.headers.enable': 'true',
    })
    expect(result.topics).toEqual([{ name: 'orders', partitions: 3, replicationFactor: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000' } }])
  })

  it("compiles a topic's size bound to Kafka's retention.bytes", () => {
    const bounded = () => source(datagen({ preset: 'orders' })).to(topic('orders', { retentionBytes: 1_048_576, retentionMs: -1 })).sink(jdbc({ url: 'jdbc:postgresql://db/app', username: 'app', password: env('DB_PASSWORD') }))
    expect(compilePipeline(ir(bounded), { target: 'pipe' }).topics).toEqual([{ name: 'orders', config: { 'retention.bytes': '1048576', 'retention.ms': '-1' } }])
  })

  it("gives a connector's initial state next to its config, and nothing when none is declared", () => {
    const paused = () => source(file({ file: 'in.txt' }), { initialState: 'paused' }).to(topic('lines')).sink(jdbc({ url: 'jdbc:postgresql://db/app', username: 'app', password: env('DB_PASSWORD') }), { initialState: 'stopped' })
    const [src, sink] = compilePipeline(ir(paused, 'paused')).connectors
    expect([src?.initial_state, sink?.initial_state]).toEqual(['PAUSED', 'STOPPED'])
    expect(Object.keys(src?.config ?? {}).filter((k) => /state/i.test(k))).toEqual([])
    expect(compilePipeline(ir(fileCopy)).connectors.every((c) => !('initial_state' in c))).toBe(true)
  })

  it('compiles topic-to-topic for pipe only', () => {
    const kc = compilePipeline(ir(topicCopy, 'copy'))
    expect(kc.diagnostics.map((d) => d.code)).toEqual(['PIPE_NOT_PORTABLE_CONNECTOR', 'PIPE_NOT_PORTABLE_CONNECTOR'])
    const pipe = compilePipeline(ir(topicCopy, 'copy'), { target: 'pipe' })
    expect(pipe.connectors[0]?.config).toMatchObject({ 'connector.class': 'pipe:topic-to-topic-sink', topics: 'raw', topic: 'clean', name: 'copy-topic-to-topic' })
  })

  it('reports a sink that cannot read the topic format', () => {
    const p = source(datagen({ preset: 'orders' })).to(topic('orders')).sink(jdbc({ url: 'j', username: 'u', password: env('P') }))
    const [d] = compilePipeline(ir(() => p), { target: 'pipe' }).diagnostics
    expect(d).toMatchObject({ code: 'PIPE_FORMAT_MISMATCH', connector: 'p-sink' })
    expect(d?.message).toBe("jdbc sink reads 'json-schema' records but topic 'orders' holds 'json' records")
  })

  it('reports a dead-letter topic on a source for Kafka Connect only', () => {
    const p = source(file({ file: 'in' }), { errors: { tolerance: 'all', deadLetterTopic: 'dlq' } }).to(topic('t'))
    expect(compilePipeline(ir(() => p)).diagnostics.map((d) => d.code)).toEqual(['PIPE_DLQ_ON_SOURCE'])
    expect(compilePipeline(ir(() => p), { target: 'pipe' }).diagnostics).toEqual([])
  })

  it('compiles a fork with a transform chain to stable configs (snapshot)', () => {
    const { connectors } = compilePipeline(ir(ordersFork), { target: 'kafka-connect' })
    expect(connectors).toMatchInlineSnapshot(`
      [
        {
          "config": {
            "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "errors.deadletterqueue.context.headers.enable": "true",
            "errors.deadletterqueue.topic.name": "orders-dlq",
            "errors.tolerance": "all",
            "file": "build/orders.txt",
            "key.converter": "org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable": "false",
            "name": "orders-sink-1",
            "pipe.pipeline": "orders",
            "tasks.max": "1",
            "topics": "orders",
            "transforms": "value-to-key-0,replace-field-1,timestamp-converter-2,header-from-3,drop-headers-4",
            "transforms.drop-headers-4.headers": "pipeline",
            "transforms.drop-headers-4.type": "org.apache.kafka.connect.transforms.DropHeaders",
            "transforms.header-from-3.fields": "item",
            "transforms.header-from-3.headers": "item",
            "transforms.header-from-3.operation": "copy",
            "transforms.header-from-3.type": "org.apache.kafka.connect.transforms.HeaderFrom$Value",
            "transforms.replace-field-1.exclude": "origin",
            "transforms.replace-field-1.renames": "price:amount",
            "transforms.replace-field-1.type": "org.apache.kafka.connect.transforms.ReplaceField$Value",
            "transforms.timestamp-converter-2.field": "ordered_at",
            "transforms.timestamp-converter-2.format": "yyyy-MM-dd",
            "transforms.timestamp-converter-2.target.type": "string",
            "transforms.timestamp-converter-2.type": "org.apache.kafka.connect.transforms.TimestampConverter$Value",
            "transforms.value-to-key-0.fields": "order_id",
            "transforms.value-to-key-0.type": "org.apache.kafka.connect.transforms.ValueToKey",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable": "false",
          },
          "name": "orders-sink-1",
        },
      ]
    `)
  })

  it('never writes a literal password into a config', () => {
    const p = topic('t', { format: 'json-schema' }).sink(jdbc({ url: 'j', username: 'u', password: 'hunter2' }))
    for (const target of ['kafka-connect', 'pipe'] as const) {
      expect(JSON.stringify(compilePipeline(ir(() => p), { target }))).not.toContain('hunter2')
    }
  })

  it("defaults to the pipeline's declared target", () => {
    const p = source(datagen({ preset: 'orders' })).to(topic('orders')).target('pipe')
    expect(compilePipeline(ir(() => p)).connectors[0]?.config['connector.class']).toBe('pipe:datagen-source')
    expect(compilePipeline(ir(() => p), { target: 'kafka-connect' }).connectors).toEqual([])
  })
})
