import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker
beforeEach(async () => { w = await startTestWorker() })
afterEach(async () => { await w.server.close() })

const source = (name: string): unknown => ({ name, config: { 'connector.class': 'FileStreamSource', file: join(w.dir, 'in.txt'), topic: `${name}-t` } })
const running = async (name: string): Promise<boolean> => {
  const { body } = await w.call('GET', `/connectors/${name}/status`)
  return JSON.stringify(body).includes('"tasks":[{"id":0,"state":"RUNNING"')
}

describe('connector routes', () => {
  it('creates a connector with 201 and a Location, then 409 for the same name', async () => {
    const created = await w.call('POST', '/connectors', source('a'))
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe(`${w.server.url}/connectors/a`)
    expect(created.body).toMatchObject({ name: 'a', tasks: [], type: 'source', config: { name: 'a' } })
    expect(await w.call('POST', '/connectors', source('a'))).toMatchObject({ status: 409, body: { error_code: 409, message: 'Connector a already exists' } })
  })

  it('answers 404 with Kafka Connect messages for an unknown connector', async () => {
    expect((await w.call('GET', '/connectors/nope')).body).toEqual({ error_code: 404, message: 'Connector nope not found' })
    expect((await w.call('GET', '/connectors/nope/status')).body).toEqual({ error_code: 404, message: 'No status found for connector nope' })
    expect((await w.call('POST', '/connectors/nope/restart')).body).toEqual({ error_code: 404, message: 'Unknown connector: nope' })
    expect((await w.call('PUT', '/connectors/nope/pause')).body).toEqual({ error_code: 404, message: 'Unknown connector nope' })
    expect((await w.call('GET', '/connectors/nope/tasks/0/status')).body).toEqual({ error_code: 404, message: 'No status found for task nope-0' })
  })

  it('answers 500 for malformed JSON, 415 for a non-JSON body, 404 and 405 for unknown routes', async () => {
    expect((await w.call('POST', '/connectors', '{bad')).status).toBe(500)
    expect((await w.call('POST', '/connectors', '{}', { 'content-type': 'text/plain' })).status).toBe(415)
    expect(await w.call('GET', '/nope')).toMatchObject({ status: 404, body: { error_code: 404, message: 'HTTP 404 Not Found' } })
    expect((await w.call('DELETE', '/connectors')).status).toBe(405)
  })

  it('rejects an invalid config with 400 and the validation messages', async () => {
    const bad = await w.call('POST', '/connectors', { name: 'x', config: { 'connector.class': 'FileStreamSink' } })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ message: expect.stringContaining('Must configure one of topics or topics.regex') as unknown })
    expect((await w.call('POST', '/connectors', { name: 'x', config: {} })).body).toEqual({ error_code: 400, message: 'Connector config {name=x} contains no connector type' })
    // 400 since Kafka Connect 4.x (3.9 answered 500)
    expect((await w.call('POST', '/connectors', { name: 'x', config: { 'connector.class': 'Nope' } })).status).toBe(400)
  })

  it('lists connectors, expanded with status and info', async () => {
    await w.call('POST', '/connectors', source('a'))
    await until(() => running('a'))
    expect((await w.call('GET', '/connectors')).body).toEqual(['a'])
    const expanded = await w.call('GET', '/connectors?expand=status&expand=info')
    expect(expanded.body).toMatchObject({ a: { status: { connector: { state: 'RUNNING' } }, info: { tasks: [{ connector: 'a', task: 0 }] } } })
  })

  it('puts (201 then 200) and patches a config, removing keys patched to null', async () => {
    const config = { 'connector.class': 'FileStreamSource', file: join(w.dir, 'in.txt'), topic: 't', 'batch.size': '10' }
    expect((await w.call('PUT', '/connectors/p/config', config)).status).toBe(201)
    await until(() => running('p'))
    expect((await w.call('PUT', '/connectors/p/config', config)).status).toBe(200)
    expect(w.logs.filter((l) => l.includes('connector p configured'))).toHaveLength(1)
    const patched = await w.call('PATCH', '/connectors/p/config', { topic: 't2', 'batch.size': null })
    expect(patched.status).toBe(200)
    expect((await w.call('GET', '/connectors/p/config')).body).toEqual({ 'connector.class': 'FileStreamSource', file: join(w.dir, 'in.txt'), topic: 't2', name: 'p' })
  })

  it('deletes a connector with 204', async () => {
    await w.call('POST', '/connectors', source('d'))
    expect((await w.call('DELETE', '/connectors/d')).status).toBe(204)
    expect((await w.call('GET', '/connectors')).body).toEqual([])
  })
})

describe('lifecycle routes', () => {
  it('pauses, resumes and stops with 202, 202 and 204', async () => {
    await w.call('POST', '/connectors', source('l'))
    await until(() => running('l'))
    expect((await w.call('PUT', '/connectors/l/pause')).status).toBe(202)
    expect((await w.call('GET', '/connectors/l/status')).body).toMatchObject({ connector: { state: 'PAUSED' } })
    expect((await w.call('PUT', '/connectors/l/resume')).status).toBe(202)
    expect((await w.call('PUT', '/connectors/l/stop')).status).toBe(204)
    expect((await w.call('GET', '/connectors/l/status')).body).toMatchObject({ connector: { state: 'STOPPED' }, tasks: [] })
    expect((await w.call('GET', '/connectors/l/tasks')).body).toEqual([])
  })

  it('restarts with 204 by default and 202 with RESTARTING instances when includeTasks', async () => {
    await w.call('POST', '/connectors', source('r'))
    await until(() => running('r'))
    expect((await w.call('POST', '/connectors/r/restart')).status).toBe(204)
    await until(() => running('r'))
    const r = await w.call('POST', '/connectors/r/restart?includeTasks=true')
    expect(r).toMatchObject({ status: 202, body: { connector: { state: 'RESTARTING' }, tasks: [{ id: 0, state: 'RESTARTING' }] } })
    await until(() => running('r'))
    const onlyFailed = await w.call('POST', '/connectors/r/restart?includeTasks=true&onlyFailed=true')
    expect(onlyFailed).toMatchObject({ status: 202, body: { connector: { state: 'RUNNING' }, tasks: [{ state: 'RUNNING' }] } })
    expect((await w.call('POST', '/connectors/r/tasks/0/restart')).status).toBe(204)
    expect((await w.call('POST', '/connectors/r/tasks/7/restart')).body).toEqual({ error_code: 404, message: 'Unknown task: r-7' })
    // removed in Kafka Connect 4.0 (KIP-970)
    expect((await w.call('GET', '/connectors/r/tasks-config')).body).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' })
  })

  it('starts a connector STOPPED when initial_state says so', async () => {
    const created = await w.call('POST', '/connectors', { ...(source('s') as object), initial_state: 'STOPPED' })
    expect(created.status).toBe(201)
    expect((await w.call('GET', '/connectors/s/status')).body).toMatchObject({ connector: { state: 'STOPPED' }, tasks: [] })
  })
})
