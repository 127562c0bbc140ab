import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compilePipeline, env, lowerPipeline, source, topic } from '@pipe/dsl'
import { defineConnector, defineTransform, field, postgresCdc, sourceRef, transformRef } from '@pipe/dsl/connectors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateOnWorker } from './validate-on-worker.js'

// a fake worker we own: it has Debezium's class and rejects two keys
const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json')
  if (request.method === 'GET') {
    response.end(JSON.stringify([
      { class: 'io.debezium.connector.postgresql.PostgresConnector', type: 'source', version: '3.2.0.Final' },
      { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.2.0.Final' },
    ]))
    return
  }
  const value = (name: string, errors: string[]) => ({ definition: { name }, value: { name, value: 'resolved', errors } })
  response.end(JSON.stringify({ name: 'PostgresConnector', error_count: 2, groups: [], configs: [
    value('database.hostname', ['Connection to db:5432 refused']),
    value('database.password', ['Invalid value s3cr3t-resolved for configuration database.password']),
  ] }))
})
let url = ''
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` // listening on TCP: an AddressInfo
})
afterAll(() => { server.close() })

describe('validateOnWorker', () => {
  it("reports the worker's per-key errors with the option they come from, withholding messages about secrets", async () => {
    const pipeline = source(postgresCdc({ hostname: 'db', user: 'u', password: env('PG_PASSWORD'), database: 'shop' })).to(topic('pg'))
    const { ir, definitions } = lowerPipeline(pipeline, { defaultName: 'shop' })
    const [connector] = compilePipeline(ir, { target: 'kafka-connect', definitions }).connectors
    if (connector === undefined) throw new Error('no connector compiled')
    const diagnostics = await validateOnWorker(url, [{ pipeline: { file: '/p/shop.ts', ir, definitions }, document: connector }])
    expect(diagnostics.map((d) => d.message)).toEqual([
      "Kafka Connect rejects 'database.hostname' (option 'hostname') of connector 'shop-source': Connection to db:5432 refused",
      "Kafka Connect rejects 'database.password' (option 'password') of connector 'shop-source': the worker's message is withheld because this key holds a secret, which the worker resolves before validating",
    ])
    expect(diagnostics.every((d) => d.code === 'PIPE_CONNECT_INVALID_CONFIG' && d.connector === 'shop-source')).toBe(true)
    expect(JSON.stringify(diagnostics)).not.toContain('s3cr3t')
  })

  it('reports a class the worker lacks, and an unreachable worker, as diagnostics', async () => {
    const { ir, definitions } = lowerPipeline(source(postgresCdc({ hostname: 'db', user: 'u', password: env('P'), database: 'd' })).to(topic('t')), { defaultName: 'x' })
    const [connector] = compilePipeline(ir, { target: 'kafka-connect', definitions }).connectors
    if (connector === undefined) throw new Error('no connector compiled')
    const other = { ...connector, config: { ...connector.config, 'connector.class': 'com.example.NopeConnector' } }
    expect((await validateOnWorker(url, [{ pipeline: { file: '/p/x.ts', ir, definitions }, document: other }])).map((d) => d.code)).toEqual(['PIPE_CONNECT_PLUGIN_MISSING'])
    expect((await validateOnWorker('http://127.0.0.1:1', [])).map((d) => d.code)).toEqual(['PIPE_CONNECT_UNREACHABLE'])
  })

  it('warns, at the line of the node, where a pulled module records another plugin version than the worker has', async () => {
    const pulled = (version: string) => defineConnector({
      name: 'io.debezium.connector.postgresql.PostgresConnector', role: 'source', doc: 'pulled', fields: { 'database.hostname': field.string({ doc: 'host' }) },
      formats: ['json'], kafkaConnect: { class: 'io.debezium.connector.postgresql.PostgresConnector', version, routing: 'router' },
      pipeClass: 'io.debezium.connector.postgresql.PostgresConnector', unknownKeys: 'warn',
    })
    const smt = defineTransform({ class: 'io.debezium.transforms.ExtractNewRecordState', version: '2.7.3.Final', doc: 'pulled', fields: {} })
    const check = async (version: string) => {
      const pipeline = source(sourceRef(pulled(version), { 'database.hostname': 'db' })).transform(transformRef(smt, {})).to(topic('pg'))
      const { ir, definitions } = lowerPipeline(pipeline, { defaultName: 'cdc' })
      const [connector] = compilePipeline(ir, { target: 'kafka-connect', definitions }).connectors
      if (connector === undefined) throw new Error('no connector compiled')
      return (await validateOnWorker(url, [{ pipeline: { file: '/p/cdc.ts', ir, definitions }, document: connector }])).filter((d) => d.code === 'PIPE_CONNECT_PLUGIN_VERSION')
    }
    const older = await check('2.7.3.Final')
    expect(older.map((d) => [d.severity, d.message])).toEqual([
      ['warning', `the source connector io.debezium.connector.postgresql.PostgresConnector was pulled from version 2.7.3.Final, and the worker at ${url} has 3.2.0.Final`],
      ['warning', `the SMT io.debezium.transforms.ExtractNewRecordState was pulled from version 2.7.3.Final, and the worker at ${url} has 3.2.0.Final`],
    ])
    expect(older.every((d) => d.location?.file.endsWith('validate-on-worker.test.ts') === true)).toBe(true)
    expect((await check('3.2.0.Final')).map((d) => d.message)).toEqual([older[1]?.message])
  })
})
