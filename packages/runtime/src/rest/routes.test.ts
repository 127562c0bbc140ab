import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker | undefined
afterEach(async () => { await w?.server.close() })

const running = async (worker: TestWorker, name: string): Promise<boolean> => {
  const { body } = await worker.call('GET', `/connectors/${name}/status`)
  return JSON.stringify(body).includes('"tasks":[{"id":0,"state":"RUNNING"')
}

describe('offset routes', () => {
  it('refuses to alter or reset offsets unless STOPPED, then alters and resets them', async () => {
    const t = w = await startTestWorker()
    const file = join(t.dir, 'in.txt')
    await t.call('POST', '/connectors', { name: 'o', config: { 'connector.class': 'FileStreamSource', file, topic: 'o-t' } })
    await until(async () => JSON.stringify((await t.call('GET', '/connectors/o/offsets')).body).includes('"position":6'))
    const body = { offsets: [{ partition: { filename: file }, offset: { position: 2 } }] }
    expect(await t.call('PATCH', '/connectors/o/offsets', body)).toMatchObject({ status: 400, body: { message: expect.stringContaining("'/connectors/o/stop'") as unknown } })
    expect((await t.call('DELETE', '/connectors/o/offsets')).status).toBe(400)
    expect((await t.call('PATCH', '/connectors/o/offsets', {})).body).toEqual({ error_code: 400, message: 'Partitions / offsets need to be provided for an alter offsets request' })
    await t.call('PUT', '/connectors/o/stop')
    expect((await t.call('PATCH', '/connectors/o/offsets', body)).body).toEqual({ message: 'The offsets for this connector have been altered successfully' })
    expect((await t.call('GET', '/connectors/o/offsets')).body).toEqual(body)
    expect((await t.call('DELETE', '/connectors/o/offsets')).body).toEqual({ message: 'The offsets for this connector have been reset successfully' })
    expect((await t.call('GET', '/connectors/o/offsets')).body).toEqual({ offsets: [] })
  })

  it('reports the topics a connector uses, and none after a reset', async () => {
    const t = w = await startTestWorker()
    await t.call('POST', '/connectors', { name: 'tp', config: { 'connector.class': 'FileStreamSource', file: join(t.dir, 'in.txt'), topic: 'tp-t' } })
    expect((await t.call('GET', '/connectors/tp/topics')).body).toEqual({ tp: { topics: ['tp-t'] } })
    expect((await t.call('PUT', '/connectors/tp/topics/reset')).status).toBe(202)
    expect((await t.call('GET', '/connectors/tp/topics')).body).toEqual({ tp: { topics: [] } })
  })
})

describe('plugin routes', () => {
  it('lists connectors only by default, and transforms, predicates and converters on request', async () => {
    const t = w = await startTestWorker()
    const connectors = (await t.call('GET', '/connector-plugins')).body as { type: string }[]
    expect(new Set(connectors.map((p) => p.type))).toEqual(new Set(['source', 'sink']))
    const all = (await t.call('GET', '/connector-plugins?connectorsOnly=false')).body as { class: string; type: string }[]
    expect(all).toContainEqual(expect.objectContaining({ class: 'org.apache.kafka.connect.transforms.InsertField$Value', type: 'transformation' }))
    expect(all.some((p) => p.type === 'predicate')).toBe(true)
    expect(all.some((p) => p.type === 'header_converter')).toBe(true)
  })

  it('validates a config with per-key errors, and refuses a mismatched plugin', async () => {
    const t = w = await startTestWorker()
    const res = await t.call('PUT', '/connector-plugins/FileStreamSink/config/validate', { 'connector.class': 'FileStreamSink', 'tasks.max': 'zz' })
    expect(res.body).toMatchObject({ name: 'FileStreamSink', error_count: 5, groups: ['Common', 'Transforms', 'Predicates', 'Error Handling'] })
    const mismatch = await t.call('PUT', '/connector-plugins/FileStreamSinkConnector/config/validate', { 'connector.class': 'FileStreamSource' })
    expect(mismatch.body).toEqual({ error_code: 400, message: 'Included connector type FileStreamSource does not match request type FileStreamSinkConnector' })
    expect((await t.call('GET', '/connector-plugins/Nope/config')).body).toEqual({ error_code: 404, message: 'Unknown plugin Nope.' })
  })

  it("serves the ConfigDef of every listed SMT and predicate, Kafka Connect's keys", async () => {
    const t = w = await startTestWorker()
    const all = (await t.call('GET', '/connector-plugins?connectorsOnly=false')).body as { class: string; type: string }[]
    const steps = all.filter((p) => p.type === 'transformation' || p.type === 'predicate')
    expect(steps.length).toBeGreaterThan(20)
    for (const step of steps) {
      const res = await t.call('GET', `/connector-plugins/${encodeURIComponent(step.class)}/config`)
      expect(res.status, step.class).toBe(200)
      expect(Array.isArray(res.body), step.class).toBe(true)
    }
    const router = (await t.call('GET', '/connector-plugins/RegexRouter/config')).body as { name: string; required: boolean }[]
    expect(router.map((key) => [key.name, key.required])).toEqual([['regex', true], ['replacement', true]])
  })
})

describe('admin and security', () => {
  it('reads and sets log levels as /admin/loggers does', async () => {
    const t = w = await startTestWorker()
    expect((await t.call('GET', '/admin/loggers/root')).body).toEqual({ level: 'INFO', last_modified: null })
    expect((await t.call('PUT', '/admin/loggers/pipe.api', { level: 'DEBUG' })).body).toEqual(['pipe.api'])
    expect((await t.call('PUT', '/admin/loggers/root', { level: 'bogus' })).body).toEqual({ error_code: 404, message: "invalid log level 'bogus'." })
    expect((await t.call('PUT', '/admin/loggers/root', {})).status).toBe(400)
    expect((await t.call('GET', '/admin/loggers/x.y')).body).toEqual({ error_code: 404, message: 'Logger x.y not found.' })
  })

  it('answers 401 without the bearer token, and serves requests with it', async () => {
    const t = w = await startTestWorker({ auth: { kind: 'bearer', token: 's3cret' } })
    expect(await t.call('GET', '/connectors')).toMatchObject({ status: 401, body: { error_code: 401 } })
    expect((await t.call('GET', '/connectors', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200)
  })

  it('takes the auth scheme in any case (RFC 7235), and only the configured one', async () => {
    const t = w = await startTestWorker({ auth: { kind: 'bearer', token: 's3cret' } })
    for (const header of ['bearer s3cret', 'BEARER s3cret', 'bEaReR  s3cret']) expect((await t.call('GET', '/', undefined, { authorization: header })).status).toBe(200)
    for (const header of ['Basic s3cret', 'Bearer S3cret', 'Bearers3cret', 'Bearer']) expect((await t.call('GET', '/', undefined, { authorization: header })).status).toBe(401)
  })

  it('answers 401 without basic credentials, and serves requests with them', async () => {
    const t = w = await startTestWorker({ auth: { kind: 'basic', user: 'ops', password: 'pw' } })
    expect((await t.call('GET', '/', undefined, { authorization: `basic ${Buffer.from('ops:pw').toString('base64')}` })).status).toBe(200)
    const wrong = await t.call('GET', '/', undefined, { authorization: `Basic ${Buffer.from('ops:nope').toString('base64')}` })
    expect(wrong).toMatchObject({ status: 401, body: { error_code: 401, message: expect.any(String) as unknown } })
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="pipe"')
    expect((await t.call('GET', '/', undefined, { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}` })).status).toBe(200)
  })

  it('runs ${env:VAR} resolved but never shows the value in answers, statuses or logs', async () => {
    const secret = 'hunter2-value'
    const t = w = await startTestWorker({ env: { PROBE: secret } })
    // the secret is the file name (a directory): the failing task's trace names it
    mkdirSync(join(t.dir, secret))
    const config = { 'connector.class': 'FileStreamSource', file: join(t.dir, '${env:PROBE}'), topic: 'st' }
    await t.call('POST', '/connectors', { name: 'sec', config })
    await until(async () => JSON.stringify((await t.call('GET', '/connectors/sec/status')).body).includes('FAILED'))
    const answers = await Promise.all(['/connectors/sec', '/connectors/sec/status', '/connectors/sec/config', '/connectors?expand=status&expand=info'].map((p) => t.call('GET', p)))
    const text = JSON.stringify(answers.map((a) => a.body)) + t.logs.join('\n')
    expect(text).toContain('${env:PROBE}')
    expect(text).not.toContain(secret)
    expect(await running(t, 'sec')).toBe(false)
  })
  it('keeps a FileStreamSource on a file that does not exist yet RUNNING, says so, and reads the file once it appears', async () => {
    const t = w = await startTestWorker()
    const file = join(t.dir, 'late.txt')
    await t.call('POST', '/connectors', { name: 'late', config: { 'connector.class': 'FileStreamSource', file, topic: 'late-lines' } })
    const status = async (): Promise<string> => JSON.stringify((await t.call('GET', '/connectors/late/status')).body)
    await until(async () => (await status()).includes('does not exist yet'))
    expect(await status()).toContain('"state":"RUNNING"')
    writeFileSync(file, 'a\nb\n')
    await until(async () => JSON.stringify((await t.call('GET', '/connectors/late/offsets')).body).includes('"position":4'))
    expect(await status()).not.toContain('does not exist yet')
  })
})

describe('status version', () => {
  it("names the plugin's version after worker_id in connector and task states, as Kafka Connect 4.1+ does", async () => {
    const t = w = await startTestWorker()
    const file = join(t.dir, 'v.txt')
    writeFileSync(file, 'a\n')
    await t.call('POST', '/connectors', { name: 'v', config: { 'connector.class': 'FileStreamSource', file, topic: 'v-t' } })
    await until(() => running(t, 'v'))
    const { version } = (await t.call('GET', '/')).body as { version: string }
    const status = (await t.call('GET', '/connectors/v/status')).body as { connector: Record<string, unknown>, tasks: Record<string, unknown>[] }
    expect(Object.keys(status.connector)).toEqual(['state', 'worker_id', 'version'])
    expect(status.connector['version']).toBe(version)
    expect(status.tasks[0]?.['version']).toBe(version)
    expect(Object.keys((await t.call('GET', '/connectors/v/tasks/0/status')).body as object)).toEqual(['id', 'state', 'worker_id', 'version'])
    const expanded = (await t.call('GET', '/connectors?expand=status')).body as Record<string, { status: { connector: { version?: string } } }>
    expect(expanded['v']?.status.connector.version).toBe(version)
    const restarted = await t.call('POST', '/connectors/v/restart?includeTasks=true')
    expect(restarted.status).toBe(202)
    expect((restarted.body as { tasks: { version?: string }[] }).tasks[0]?.version).toBe(version)
  })
})
