import { describe, expect, it } from 'vitest'
import type { ConnectorDocument } from '../../contract/connector-document.js'
import { HIDDEN, maskValue, planDeployment, type LiveConnector } from './plan-deployment.js'

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector'
const PG = 'io.debezium.connector.postgresql.PostgresConnector'

const desired = (name: string, pipeline: string, extra: Record<string, string> = {}): ConnectorDocument => ({
  name,
  config: { 'connector.class': FILE_SOURCE, file: '/tmp/in.txt', name, 'pipe.pipeline': pipeline, topic: 'lines', ...extra },
})
const live = (c: ConnectorDocument, state = 'RUNNING'): LiveConnector => ({ name: c.name, config: c.config, state })

describe('planDeployment', () => {
  it('creates what the cluster lacks, showing every key', () => {
    const plan = planDeployment([desired('a-source', 'a')], [])
    expect(plan.hasChanges).toBe(true)
    expect(plan.actions).toHaveLength(1)
    expect(plan.actions[0]).toMatchObject({ type: 'create', name: 'a-source', pipeline: 'a', connectorClass: FILE_SOURCE, restartsTasks: false, resetsOffsets: false })
    expect(plan.actions[0]?.changes.map((c) => c.key)).toEqual(['connector.class', 'file', 'name', 'pipe.pipeline', 'topic'])
    expect(plan.actions[0]?.changes[1]).toEqual({ key: 'file', to: '/tmp/in.txt' })
  })

  it('says a create starts in its declared initial state, and notes (no action) an existing connector in another state', () => {
    const paused = { ...desired('a-source', 'a'), initial_state: 'PAUSED' as const }
    expect(planDeployment([paused], []).actions[0]?.notes).toEqual(['created PAUSED (its initial state)'])
    const running = planDeployment([paused], [live(desired('a-source', 'a'), 'RUNNING')])
    expect(running.hasChanges).toBe(false)
    expect(running.actions[0]).toMatchObject({ type: 'unchanged', changes: [] })
    expect(running.actions[0]?.notes).toEqual(['declared initial state PAUSED, it is RUNNING: deploy sets the state only when it creates a connector (pipe pause/resume/stop changes it)'])
    expect(planDeployment([paused], [live(desired('a-source', 'a'), 'PAUSED')]).actions[0]?.notes).toEqual([])
    expect(planDeployment([desired('a-source', 'a')], [live(desired('a-source', 'a'), 'PAUSED')]).actions[0]?.notes).toEqual([])
  })

  it('reports no changes when the live config equals the desired one', () => {
    const c = desired('a-source', 'a')
    const plan = planDeployment([c], [live(c)])
    expect(plan.hasChanges).toBe(false)
    expect(plan.actions[0]).toMatchObject({ type: 'unchanged', state: 'RUNNING', changes: [], restartsTasks: false })
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 1, orphan: 0, unmanaged: 0 })
  })

  it('shows exactly the changed key of an update, which restarts the tasks', () => {
    const c = desired('a-source', 'a')
    const plan = planDeployment([desired('a-source', 'a', { 'tasks.max': '2' })], [live(desired('a-source', 'a', { 'tasks.max': '1' }))])
    expect(plan.actions[0]).toMatchObject({ type: 'update', restartsTasks: true, resetsOffsets: false, changes: [{ key: 'tasks.max', from: '1', to: '2' }] })
    expect(planDeployment([c], [live({ ...c, config: { ...c.config, extra: 'x' } })]).actions[0]?.changes).toEqual([{ key: 'extra', from: 'x' }])
  })

  it('flags a change that moves the offsets, saying why', () => {
    const plan = planDeployment([desired('a-source', 'a', { file: '/tmp/other.txt' })], [live(desired('a-source', 'a'))])
    expect(plan.actions[0]).toMatchObject({ type: 'update', resetsOffsets: true, changes: [{ key: 'file', from: '/tmp/in.txt', to: '/tmp/other.txt' }] })
    expect(plan.actions[0]?.notes[0]).toMatch(/^file: .*from its start/)
    const sink = (file: string): ConnectorDocument => desired('a-sink', 'a', { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', file })
    expect(planDeployment([sink('/tmp/b')], [live(sink('/tmp/a'))]).actions[0]).toMatchObject({ type: 'update', resetsOffsets: false, notes: [] })
  })

  it('lists live connectors nobody declares as unmanaged, or as orphans when pipe owns them', () => {
    const plan = planDeployment([], [
      { name: 'hand-made', config: { 'connector.class': FILE_SOURCE, name: 'hand-made' } },
      live(desired('old-source', 'old')),
    ])
    expect(plan.actions.map((a) => [a.type, a.name])).toEqual([['orphan', 'old-source'], ['unmanaged', 'hand-made']])
    expect(plan.hasChanges).toBe(false)
  })

  it('deletes owned orphans only with prune, and only within the prune scope', () => {
    const connectors = [live(desired('old-source', 'old')), live(desired('kept-source', 'kept')), { name: 'x', config: { name: 'x' } }]
    const pruned = planDeployment([], connectors, { prune: true })
    expect(pruned.actions.map((a) => [a.type, a.name])).toEqual([['delete', 'kept-source'], ['delete', 'old-source'], ['unmanaged', 'x']])
    expect(pruned.actions[0]?.changes.every((c) => c.to === undefined)).toBe(true)
    const scoped = planDeployment([], connectors, { prune: true, pruneScope: 'ol*' })
    expect(scoped.actions.map((a) => [a.type, a.name])).toEqual([['delete', 'old-source'], ['orphan', 'kept-source'], ['unmanaged', 'x']])
  })

  it('treats a renamed connector as delete + create that starts without the old offsets', () => {
    const plan = planDeployment([desired('a-copy', 'a')], [live(desired('a-source', 'a'))], { prune: true })
    expect(plan.actions.map((a) => [a.type, a.name])).toEqual([['create', 'a-copy'], ['delete', 'a-source']])
    expect(plan.actions[0]).toMatchObject({ renamedFrom: 'a-source', resetsOffsets: true })
    expect(plan.actions[1]).toMatchObject({ renamedTo: 'a-copy', resetsOffsets: true })
  })

  it('notes that pipe takes over a connector it did not deploy, with its changes', () => {
    const c = desired('a-source', 'a')
    const unowned = Object.fromEntries(Object.entries(c.config).filter(([key]) => key !== 'pipe.pipeline').map(([k, v]) => [k, k === 'file' ? 'old.txt' : v]))
    const action = planDeployment([c], [{ name: c.name, config: unowned }]).actions[0]
    expect(action?.type).toBe('update')
    expect(action?.changes.map((change) => change.key)).toEqual(['file', 'pipe.pipeline'])
    expect(action?.notes).toContain('not deployed by pipe until now: pipe takes it over')
  })

  it('leaves alone a connector it did not deploy whose config is the declared one (an imported one): unchanged, not marked', () => {
    const c = desired('a-source', 'a')
    const unowned = Object.fromEntries(Object.entries(c.config).filter(([key]) => key !== 'pipe.pipeline'))
    const plan = planDeployment([c], [{ name: c.name, config: unowned }])
    expect(plan.hasChanges).toBe(false)
    expect(plan.actions[0]).toMatchObject({ type: 'unchanged', changes: [] })
    expect(plan.actions[0]?.notes).toEqual(["not deployed by pipe: pipeline 'a' declares it as it is; its next change marks it as pipe's (pipe.pipeline)"])
  })

  it('counts a key the worker lacks and pipe writes with Kafka Connect\'s default (tasks.max=1, errors.tolerance=none) as no change', () => {
    const c = desired('a-source', 'a')
    const bare = Object.fromEntries(Object.entries(c.config).filter(([key]) => key !== 'tasks.max' && key !== 'errors.tolerance'))
    const withDefaults = { ...c, config: { ...c.config, 'tasks.max': '1', 'errors.tolerance': 'none' } }
    expect(planDeployment([withDefaults], [{ name: c.name, config: bare }]).actions[0]?.type).toBe('unchanged')
    const more = { ...c, config: { ...c.config, 'tasks.max': '2', 'errors.tolerance': 'all' } }
    expect(planDeployment([more], [{ name: c.name, config: bare }]).actions[0]?.changes.map((change) => change.key)).toEqual(['errors.tolerance', 'tasks.max'])
    expect(planDeployment([c], [{ name: c.name, config: { ...c.config, 'tasks.max': '1', 'errors.tolerance': 'none' } }]).actions[0]?.type).toBe('unchanged')
  })
})

describe('secret masking in plans', () => {
  const pg = (password: string): ConnectorDocument => ({ name: 'pg-source', config: { 'connector.class': PG, 'database.password': password, name: 'pg-source' } })

  it('shows a config-provider placeholder as written and never a literal password', () => {
    const created = planDeployment([pg('${env:PG_PASSWORD}')], []).actions[0]
    expect(created?.changes.find((c) => c.key === 'database.password')).toEqual({ key: 'database.password', to: '${env:PG_PASSWORD}' })
    const update = planDeployment([pg('${env:PG_PASSWORD}')], [live(pg('hunter2'))]).actions[0]
    expect(update?.changes).toEqual([{ key: 'database.password', from: HIDDEN, to: '${env:PG_PASSWORD}' }])
    expect(JSON.stringify(update)).not.toContain('hunter2')
  })

  it('masks password keys the worker reports, and keys named like secrets', () => {
    const config = { 'connector.class': 'com.example.Sink', name: 's', 'auth.value': 'abc', 'api.key': 'k1', 'sasl.jaas.config': 'j' }
    const plan = planDeployment([{ name: 's', config }], [], { secretKeys: (cls) => (cls === 'com.example.Sink' ? ['auth.value'] : []) })
    const shown = Object.fromEntries(plan.actions[0]?.changes.map((c) => [c.key, c.to]) ?? [])
    expect(shown).toMatchObject({ 'auth.value': HIDDEN, 'api.key': HIDDEN, 'sasl.jaas.config': HIDDEN, name: 's' })
  })

  it('maskValue keeps placeholders and ordinary values', () => {
    expect(maskValue('file', '/tmp/x', new Set())).toBe('/tmp/x')
    expect(maskValue('token', '${file:/etc/s.properties:token}', new Set())).toBe('${file:/etc/s.properties:token}')
    expect(maskValue('token', 'prefix-${env:X}', new Set())).toBe(HIDDEN)
  })
})
