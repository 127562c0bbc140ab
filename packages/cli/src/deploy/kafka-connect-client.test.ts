import { describe, expect, it } from 'vitest'
import { connectUrl } from './connect-url.js'
import { ConnectError, createKafkaConnectClient, hasPlugin, splitCredentials } from './kafka-connect-client.js'

interface Seen {
  readonly method: string
  readonly url: string
  readonly body?: string
}

/** A fake worker: answers requests in order from `replies` and records what it got. */
function fakeFetch(replies: readonly { status: number; body?: unknown }[]): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = []
  let next = 0
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? { body: init.body } : {}
    seen.push({ method: init?.method ?? 'GET', url: input instanceof Request ? input.url : input.toString(), ...body })
    const reply = replies[Math.min(next++, replies.length - 1)] ?? { status: 500 }
    const text = reply.body === undefined ? null : JSON.stringify(reply.body)
    return Promise.resolve(new Response(text, { status: reply.status }))
  }
  return { fetch: fake, seen }
}

const rebalancing = { status: 409, body: { error_code: 409, message: 'Cannot complete request momentarily due to no known leader URL' } }

describe('kafka connect client', () => {
  it('retries 409 with exponential backoff, then succeeds', async () => {
    const { fetch, seen } = fakeFetch([rebalancing, rebalancing, rebalancing, { status: 201, body: { name: 'a' } }])
    const delays: number[] = []
    const client = createKafkaConnectClient('http://worker:8083/', { fetch, sleep: (ms) => { delays.push(ms); return Promise.resolve() } })
    expect(await client.putConfig('a', { 'connector.class': 'FileStreamSource' })).toBe(true)
    expect(delays).toEqual([250, 500, 1000])
    expect(seen).toHaveLength(4)
    expect(seen[0]).toEqual({ method: 'PUT', url: 'http://worker:8083/connectors/a/config', body: '{"connector.class":"FileStreamSource"}' })
  })

  it('gives up after the configured retries with the worker message', async () => {
    const { fetch, seen } = fakeFetch([rebalancing])
    const client = createKafkaConnectClient('http://worker:8083', { fetch, retries: 2, sleep: () => Promise.resolve() })
    await expect(client.deleteConnector('a')).rejects.toThrow(/DELETE \/connectors\/a answered 409: Cannot complete request momentarily/)
    expect(seen).toHaveLength(3)
  })

  it('caps the backoff at 5 seconds', async () => {
    const { fetch } = fakeFetch([...Array.from({ length: 7 }, () => rebalancing), { status: 204 }])
    const delays: number[] = []
    const client = createKafkaConnectClient('http://w', { fetch, sleep: (ms) => { delays.push(ms); return Promise.resolve() } })
    await client.stop('a')
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })

  it('does not retry other errors, and names a missing connector', async () => {
    const { fetch, seen } = fakeFetch([{ status: 404, body: { error_code: 404, message: 'No status found for connector x' } }])
    const client = createKafkaConnectClient('http://w', { fetch })
    const error = await client.status('x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectError)
    expect(error).toMatchObject({ code: 'PIPE_CONNECT_NOT_FOUND', status: 404, message: "connector 'x' not found on Kafka Connect at http://w (No status found for connector x)" })
    expect(seen).toHaveLength(1)
  })

  it('says how to fix an unreachable URL', async () => {
    const refused = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }))) as typeof fetch
    const client = createKafkaConnectClient('http://127.0.0.1:9', { fetch: refused })
    await expect(client.listConnectors()).rejects.toMatchObject({
      code: 'PIPE_CONNECT_UNREACHABLE',
      message: 'cannot reach Kafka Connect at http://127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9; start a worker or pass --connect',
    })
  })

  it('parses the expanded connector list and passes restart flags as query parameters', async () => {
    const listing = {
      b: { info: { name: 'b', config: { name: 'b' }, tasks: [], type: 'sink' }, status: { name: 'b', connector: { state: 'RUNNING', worker_id: 'w:8083' }, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w:8083', trace: 'boom\n\tat x' }], type: 'sink' } },
      a: { info: { name: 'a', config: { name: 'a' }, tasks: [], type: 'source' } },
    }
    const { fetch, seen } = fakeFetch([{ status: 200, body: listing }, { status: 202, body: {} }])
    const client = createKafkaConnectClient('http://w', { fetch })
    const list = await client.listConnectors()
    expect(list.map((c) => c.name)).toEqual(['a', 'b'])
    expect(list[1]?.status).toEqual({ name: 'b', connector: { state: 'RUNNING', worker_id: 'w:8083' }, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w:8083', trace: 'boom\n\tat x' }], type: 'sink' })
    await client.restart('b', { includeTasks: true, onlyFailed: true })
    expect(seen[1]).toMatchObject({ method: 'POST', url: 'http://w/connectors/b/restart?includeTasks=true&onlyFailed=true' })
  })

  it('turns credentials in the URL into basic auth, and never keeps them in the URL it shows', async () => {
    expect(splitCredentials('http://admin:s%40cret@w:8083/')).toEqual({ base: 'http://w:8083', authorization: `Basic ${Buffer.from('admin:s@cret').toString('base64')}` })
    expect(splitCredentials('http://w:8083', 'tok')).toEqual({ base: 'http://w:8083', authorization: 'Bearer tok' })
    expect(splitCredentials('http://w:8083', '')).toEqual({ base: 'http://w:8083' })
    const { fetch, seen } = fakeFetch([{ status: 200, body: {} }])
    let headers: RequestInit['headers']
    const spy = ((input: string, init?: RequestInit) => { headers = init?.headers; return fetch(input, init) }) as typeof globalThis.fetch
    const client = createKafkaConnectClient('http://u:p@w:8083', { fetch: spy })
    await client.listConnectors()
    expect(client.url).toBe('http://w:8083')
    expect(seen[0]?.url).toBe('http://w:8083/connectors?expand=info&expand=status')
    expect(headers).toMatchObject({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` })
  })

  it('takes the URL from --connect, else PIPE_CONNECT_URL, else the default listener', () => {
    expect(connectUrl('http://a:1', { PIPE_CONNECT_URL: 'http://b:2' })).toBe('http://a:1')
    expect(connectUrl(undefined, { PIPE_CONNECT_URL: 'http://b:2' })).toBe('http://b:2')
    expect(connectUrl(undefined, {})).toBe('http://127.0.0.1:8083')
  })

  it('shows a rejected config on one line, hiding values of keys that hold placeholders or secrets', async () => {
    const message = 'Connector configuration is invalid and contains the following 2 error(s):\nInvalid value s3cret for configuration db.url: bad\n' +
      'Invalid value abc for configuration tasks.max: Not a number of type INT\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
    const { fetch } = fakeFetch([{ status: 400, body: { error_code: 400, message } }])
    const client = createKafkaConnectClient('http://w', { fetch })
    const error = await client.putConfig('a', { 'db.url': '${env:DB_URL}', 'tasks.max': 'abc' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400 })
    expect((error as Error).message).toBe('PUT /connectors/a/config answered 400: Connector configuration is invalid and contains the following 2 error(s): ' +
      'Invalid value [hidden] for configuration db.url: bad; Invalid value abc for configuration tasks.max: Not a number of type INT; ' +
      'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`')
  })

  it('lists the connector classes and keeps only the keys with errors from a validation', async () => {
    const configInfos = { name: 'FileStreamSink', error_count: 1, groups: [], configs: [
      { definition: { name: 'topics' }, value: { name: 'topics', value: '', errors: ['Must configure one of topics or topics.regex'] } },
      { definition: { name: 'file' }, value: { name: 'file', value: 'x', errors: [] } },
    ] }
    const plugins = [{ class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink' }]
    const { fetch, seen } = fakeFetch([{ status: 200, body: plugins }, { status: 200, body: configInfos }])
    const client = createKafkaConnectClient('http://w/', { fetch })
    expect(await client.connectorPlugins()).toEqual(['org.apache.kafka.connect.file.FileStreamSinkConnector'])
    expect(await client.validate('FileStreamSink', { 'connector.class': 'FileStreamSink' })).toEqual({
      errorCount: 1, errors: [{ key: 'topics', messages: ['Must configure one of topics or topics.regex'] }],
    })
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET http://w/connector-plugins?connectorsOnly=true', 'PUT http://w/connector-plugins/FileStreamSink/config/validate'])
  })

  it('accepts a plugin by its full class name, its simple name or the name without Connector, as Connect does', () => {
    const plugins = ['org.apache.kafka.connect.file.FileStreamSinkConnector']
    expect(hasPlugin(plugins, 'org.apache.kafka.connect.file.FileStreamSinkConnector')).toBe(true)
    expect(hasPlugin(plugins, 'FileStreamSink')).toBe(true)
    expect(hasPlugin(plugins, 'io.debezium.connector.jdbc.JdbcSinkConnector')).toBe(false)
  })
})
