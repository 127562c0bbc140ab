import { describe, expect, it } from 'vitest'
import { env, secret } from '../../builder/secret.js'
import { source, topic } from '../../builder/source.js'
import { lowerPipeline } from '../../builder/to-pipeline-ir.js'
import { compilePipeline } from '../../compile/compile-pipeline.js'
import { validatePipeline } from '../../validate/validate.js'
import { kafkaConnectPredicate, kafkaConnectTransform } from '../define-transform.js'
import { kafkaConnect } from './kafka-connect.js'

const S3 = 'io.confluent.connect.s3.S3SinkConnector'
const MYSQL = 'io.debezium.connector.mysql.MySqlConnector'

const lower = (sinkConfig: Readonly<Record<string, string | ReturnType<typeof env>>>) =>
  lowerPipeline(
    source(kafkaConnect(MYSQL, { 'database.hostname': 'db', 'database.password': env('MYSQL_PASSWORD'), 'topic.prefix': 'shop' }))
      .to(topic('shop'))
      .sink(kafkaConnect(S3, sinkConfig), { tasksMax: 2 }),
    { defaultName: 'shop' },
  )

describe('kafkaConnect()', () => {
  it('compiles to exactly its class and keys, plus converters, topic keys, tasks.max and pipe.pipeline', () => {
    const { ir, definitions } = lower({ 's3.bucket.name': 'orders', 'aws.secret.access.key': secret('file', '/etc/s3.properties', 'secret') })
    expect(validatePipeline(ir, { definitions })).toEqual([])
    const { connectors, diagnostics } = compilePipeline(ir, { definitions })
    expect(diagnostics).toEqual([])
    expect(connectors.map((c) => c.config)).toEqual([
      {
        'connector.class': MYSQL, 'database.hostname': 'db', 'database.password': '${env:MYSQL_PASSWORD}', 'topic.prefix': 'shop',
        'errors.tolerance': 'none', 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'false',
        name: 'shop-source', 'pipe.pipeline': 'shop', 'tasks.max': '1',
        transforms: 'route-to-topic', 'transforms.route-to-topic.regex': '.*', 'transforms.route-to-topic.replacement': 'shop',
        'transforms.route-to-topic.type': 'org.apache.kafka.connect.transforms.RegexRouter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
      },
      {
        'connector.class': S3, 's3.bucket.name': 'orders', 'aws.secret.access.key': '${file:/etc/s3.properties:secret}',
        'errors.tolerance': 'none', 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'false',
        name: 'shop-sink', 'pipe.pipeline': 'shop', 'tasks.max': '2', topics: 'shop',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
      },
    ])
  })

  it.each([
    ['connector.class', 'PIPE_INVALID_OPTION', /may not set 'connector.class'/],
    ['name', 'PIPE_INVALID_OPTION', /may not set 'name'/],
    ['transforms', 'PIPE_INVALID_OPTION', /may not set 'transforms'/],
    ['transforms.x.type', 'PIPE_INVALID_OPTION', /may not set 'transforms.x.type'/],
    ['predicates', 'PIPE_INVALID_OPTION', /may not set 'predicates'/],
    ['s3.password', 'PIPE_LITERAL_SECRET', /looks like a secret/],
    ['api.key', 'PIPE_LITERAL_SECRET', /looks like a secret/],
  ])("refuses key '%s' at the call's file:line", (key, code, message) => {
    const { ir, definitions } = lower({ 's3.bucket.name': 'b', [key]: 'x-literal-value' })
    const diagnostics = validatePipeline(ir, { definitions })
    expect(diagnostics.map((d) => d.code)).toEqual([code])
    expect(diagnostics[0]?.message).toMatch(message)
    expect(diagnostics[0]?.location?.file).toMatch(/kafka-connect\.test\.ts$/)
    expect(JSON.stringify(diagnostics)).not.toContain('x-literal-value')
    // a literal secret is never compiled out
    expect(JSON.stringify(compilePipeline(ir, { definitions }).connectors)).not.toContain(code === 'PIPE_LITERAL_SECRET' ? 'x-literal-value' : '\u0000')
  })

  it('takes a literal for keys that name a secret word but hold none, and suggests an env var named after the key', () => {
    const ok = lower({ 's3.bucket.name': 'b', 'oauth.token.endpoint.uri': 'https://idp/token', 'ssl.truststore.password.type': 'PEM' })
    expect(validatePipeline(ok.ir, { definitions: ok.definitions })).toEqual([])
    const bad = lower({ 's3.bucket.name': 'b', 'aws.secret.access.key': 'x' })
    expect(validatePipeline(bad.ir, { definitions: bad.definitions })[0]?.hint).toMatch(/^use env\('AWS_SECRET_ACCESS_KEY'\)/)
  })

  it('refuses malformed ${...} placeholders and keeps well-formed ones', () => {
    const bad = lower({ 's3.bucket.name': '${env:BUCKET', region: '${nocolon}' })
    expect(validatePipeline(bad.ir, { definitions: bad.definitions }).map((d) => `${d.code} ${d.message}`)).toEqual([
      "PIPE_INVALID_OPTION option 's3.bucket.name' of sink io.confluent.connect.s3.S3SinkConnector has a malformed placeholder",
      "PIPE_INVALID_OPTION option 'region' of sink io.confluent.connect.s3.S3SinkConnector has a malformed placeholder",
    ])
    const good = lower({ 's3.bucket.name': '${env:BUCKET}', region: 'eu-${file:/etc/r.properties:region}' })
    expect(validatePipeline(good.ir, { definitions: good.definitions })).toEqual([])
  })

  it("writes a source's topic key instead of a router with routing: 'topic-key'", () => {
    const { ir, definitions } = lowerPipeline(
      source(kafkaConnect('org.apache.kafka.connect.file.FileStreamSourceConnector', { file: 'in.txt' }, { routing: 'topic-key' })).to(topic('lines')),
      { defaultName: 'lines' },
    )
    const config = compilePipeline(ir, { definitions }).connectors[0]?.config
    expect(config).toMatchObject({ file: 'in.txt', topic: 'lines' })
    expect(config?.['transforms']).toBeUndefined()
  })

  it("writes neither a topic key nor a router with routing: 'none' (the connector names its topics itself)", () => {
    const { ir, definitions } = lowerPipeline(
      source(kafkaConnect(MYSQL, { 'topic.prefix': 'shop', 'table.include.list': 'shop.orders' }, { routing: 'none' })).to(topic('shop.shop.orders')),
      { defaultName: 'shop' },
    )
    const config = compilePipeline(ir, { definitions }).connectors[0]?.config
    expect(config).toMatchObject({ 'topic.prefix': 'shop', 'table.include.list': 'shop.orders' })
    expect(config?.['topic']).toBeUndefined()
    expect(config?.['transforms']).toBeUndefined()
  })

  it('refuses a class that is not a Java class name, for a connector, an SMT and a predicate', () => {
    const { ir, definitions } = lowerPipeline(
      source(kafkaConnect('', { 'topic.prefix': 'shop' }))
        .transform(kafkaConnectTransform('com.acme.Upper Case', {}))
        .dropIf(kafkaConnectPredicate('1.bad', {}))
        .to(topic('shop'))
        .sink(kafkaConnect('io.confluent.connect.s3.S3SinkConnector$Inner', {})),
      { defaultName: 'shop' },
    )
    expect(validatePipeline(ir, { definitions }).map((d) => d.message)).toEqual([
      '"" is not a Java class name for a Kafka Connect source connector',
      '"com.acme.Upper Case" is not a Java class name for a Kafka Connect SMT',
      '"1.bad" is not a Java class name for a Kafka Connect predicate',
    ])
  })

  it("refuses a plugin SMT's 'type' key (pipe writes the class there)", () => {
    const { ir, definitions } = lowerPipeline(
      source(kafkaConnect(MYSQL, { 'topic.prefix': 'shop' })).transform(kafkaConnectTransform('com.acme.T', { type: 'x', field: 'a' })).to(topic('shop')),
      { defaultName: 'shop' },
    )
    expect(validatePipeline(ir, { definitions }).map((d) => d.message)).toEqual(["transform com.acme.T may not set 'type': pipe writes it"])
  })

  it('compiles a plugin SMT on its chain', () => {
    const { ir, definitions } = lowerPipeline(
      source(kafkaConnect(MYSQL, { 'topic.prefix': 'shop' }))
        .transform(kafkaConnectTransform('io.debezium.transforms.ExtractNewRecordState', { 'drop.tombstones': 'false' }))
        .to(topic('shop')),
      { defaultName: 'shop' },
    )
    expect(validatePipeline(ir, { definitions })).toEqual([])
    expect(compilePipeline(ir, { definitions }).connectors[0]?.config).toMatchObject({
      transforms: 'plugin-0,route-to-topic',
      'transforms.plugin-0.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.plugin-0.drop.tombstones': 'false',
    })
  })
})
