import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectRequestError, createKafkaConnectClient, hasPlugin } from './kafka-connect-client.js'

describe('hasPlugin', () => {
  it('accepts the full class name, the simple name and the name without Connector, as Connect does', () => {
    const plugins = ['org.apache.kafka.connect.file.FileStreamSinkConnector']
    expect(hasPlugin(plugins, 'org.apache.kafka.connect.file.FileStreamSinkConnector')).toBe(true)
    expect(hasPlugin(plugins, 'FileStreamSink')).toBe(true)
    expect(hasPlugin(plugins, 'io.debezium.connector.jdbc.JdbcSinkConnector')).toBe(false)
  })
})

// a fake worker we own: the two endpoints the client calls
const server = createServer((request, response) => {
  response.setHeader('content-type', 'application/json')
  if (request.method === 'GET' && request.url?.startsWith('/connector-plugins')) {
    response.end(JSON.stringify([{ class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink' }]))
  } else if (request.method === 'PUT' && request.url?.endsWith('/config/validate')) {
    response.end(JSON.stringify({ name: 'FileStreamSink', error_count: 1, groups: [], configs: [
      { definition: { name: 'topics' }, value: { name: 'topics', value: '', errors: ['Must configure one of topics or topics.regex'] } },
      { definition: { name: 'file' }, value: { name: 'file', value: 'x', errors: [] } },
    ] }))
  } else {
    response.statusCode = 404
    response.end(JSON.stringify({ error_code: 404, message: 'HTTP 404 Not Found' }))
  }
})
let url = ''
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` // listening on TCP: an AddressInfo
})
afterAll(() => { server.close() })

describe('createKafkaConnectClient', () => {
  it('lists the connector classes and keeps only the keys with errors from a validation', async () => {
    const client = createKafkaConnectClient(`${url}/`)
    expect(await client.connectorPlugins()).toEqual(['org.apache.kafka.connect.file.FileStreamSinkConnector'])
    expect(await client.validate('FileStreamSink', { 'connector.class': 'FileStreamSink' })).toEqual({
      errorCount: 1, errors: [{ key: 'topics', messages: ['Must configure one of topics or topics.regex'] }],
    })
  })

  it('turns an unreachable worker into a ConnectRequestError', async () => {
    await expect(createKafkaConnectClient('http://127.0.0.1:1').connectorPlugins()).rejects.toBeInstanceOf(ConnectRequestError)
  })
})
