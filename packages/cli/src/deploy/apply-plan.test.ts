import { planDeployment, type ConnectorDocument } from '@pipe/dsl'
import { describe, expect, it } from 'vitest'
import { applyPlan } from './apply-plan.js'
import { ConnectError } from './connect-error.js'
import { createFakeConnect, running } from './fake-connect-client.fixture.js'

const connector = (name: string, pipeline: string, file = '/tmp/in.txt'): ConnectorDocument => ({
  name, config: { 'connector.class': 'FileStreamSource', file, name, 'pipe.pipeline': pipeline },
})
const fast = { sleep: () => Promise.resolve(), pollMs: 0, updateGraceMs: 0 }

describe('applyPlan', () => {
  it('deletes first, then puts every create and update, and waits until each runs', async () => {
    const connect = createFakeConnect()
    const old = connector('old-source', 'old')
    connect.configs.set('old-source', { ...old.config })
    connect.configs.set('b-source', { ...connector('b-source', 'b').config })
    const desired = [connector('a-source', 'a'), connector('b-source', 'b', '/tmp/other.txt')]
    connect.statuses.set('a-source', [{ ...running('a-source'), tasks: [] }, { ...running('a-source'), tasks: [{ id: 0, state: 'UNASSIGNED', worker_id: '' }] }, running('a-source')])
    connect.statuses.set('b-source', [running('b-source')])
    const plan = planDeployment(desired, (await connect.listConnectors()).map((c) => ({ name: c.name, config: c.config })), { prune: true })
    const progress: string[] = []
    const outcome = await applyPlan(connect, plan, desired, { ...fast, onProgress: (line) => progress.push(line) })
    expect(connect.calls).toEqual(['DELETE old-source', 'PUT a-source', 'PUT b-source'])
    expect(outcome.ok).toBe(true)
    expect(outcome.applied.map((a) => [a.name, a.action, a.state])).toEqual([
      ['old-source', 'deleted', undefined], ['a-source', 'created', 'RUNNING'], ['b-source', 'updated', 'RUNNING'],
    ])
    expect(progress).toContain('created a-source, waiting for it and its tasks to run')
    expect(connect.configs.get('b-source')?.['file']).toBe('/tmp/other.txt')
  })

  it('creates a connector with an initial state by POST /connectors, and updates it by PUT (its state left alone)', async () => {
    const connect = createFakeConnect()
    const desired: ConnectorDocument[] = [{ ...connector('a-source', 'a'), initial_state: 'PAUSED' }]
    connect.statuses.set('a-source', [{ ...running('a-source'), connector: { state: 'PAUSED', worker_id: '' }, tasks: [] }])
    const outcome = await applyPlan(connect, planDeployment(desired, []), desired, fast)
    expect(connect.calls).toEqual(['POST a-source PAUSED'])
    expect(outcome.applied.map((a) => [a.action, a.state])).toEqual([['created', 'PAUSED']])
    const changed: ConnectorDocument[] = [{ ...connector('a-source', 'a', '/tmp/other.txt'), initial_state: 'PAUSED' }]
    const live = (await connect.listConnectors()).map((c) => ({ name: c.name, config: c.config }))
    await applyPlan(connect, planDeployment(changed, live), changed, fast)
    expect(connect.calls).toEqual(['POST a-source PAUSED', 'PUT a-source'])
  })

  it('reports a FAILED task with the first lines of its trace', async () => {
    const connect = createFakeConnect()
    const trace = ['org.apache.kafka.connect.errors.ConnectException: no such file', '\tat A', '\tat B', '\tat C', '\tat D', '\tat E'].join('\n')
    connect.statuses.set('a-source', [{ ...running('a-source'), tasks: [{ id: 0, state: 'FAILED', worker_id: '', trace }] }])
    const desired = [connector('a-source', 'a')]
    const outcome = await applyPlan(connect, planDeployment(desired, []), desired, fast)
    expect(outcome.ok).toBe(false)
    expect(outcome.applied[0]?.failures).toEqual([{ task: 0, trace: trace.split('\n').slice(0, 4).join('\n') }])
  })

  it('keeps waiting while the worker has no status yet, and gives up at the timeout', async () => {
    const connect = createFakeConnect()
    const desired = [connector('a-source', 'a')]
    const outcome = await applyPlan(connect, planDeployment(desired, []), desired, { ...fast, timeoutMs: 5 })
    expect(outcome.ok).toBe(false)
    expect(outcome.applied[0]).toMatchObject({ name: 'a-source', action: 'created', timedOut: true, failures: [] })
  })

  it('counts a connector the user left PAUSED or STOPPED as settled', async () => {
    const connect = createFakeConnect()
    connect.configs.set('a-source', { ...connector('a-source', 'a').config })
    connect.statuses.set('a-source', [{ name: 'a-source', connector: { state: 'STOPPED', worker_id: '' }, tasks: [], type: 'source' }])
    const desired = [connector('a-source', 'a', '/tmp/moved.txt')]
    const plan = planDeployment(desired, [{ name: 'a-source', config: connect.configs.get('a-source') ?? {} }])
    const outcome = await applyPlan(connect, plan, desired, fast)
    expect(outcome.applied).toEqual([{ name: 'a-source', action: 'updated', state: 'STOPPED', failures: [] }])
  })

  it('reports a config the worker rejects and still applies the others', async () => {
    const connect = createFakeConnect()
    const put = connect.putConfig.bind(connect)
    Object.assign(connect, {
      putConfig: (name: string, config: Record<string, string>) => (name === 'bad-source'
        ? Promise.reject(new ConnectError('PIPE_CONNECT_REQUEST_FAILED', 'PUT /connectors/bad-source/config answered 400: invalid', undefined, 400))
        : put(name, config)),
    })
    connect.statuses.set('a-source', [running('a-source')])
    const desired = [connector('a-source', 'a'), connector('bad-source', 'bad')]
    const outcome = await applyPlan(connect, planDeployment(desired, []), desired, fast)
    expect(outcome.ok).toBe(false)
    expect(outcome.applied.map((a) => [a.name, a.action])).toEqual([['a-source', 'created'], ['bad-source', 'rejected']])
    expect(outcome.applied[1]?.error).toContain('answered 400: invalid')
  })
})
