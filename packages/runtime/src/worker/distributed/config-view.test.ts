import { describe, expect, it } from 'vitest'
import { shareOf } from './assignment.js'
import { commitValue, parseConfigRecord, propertiesValue, restartValue, targetStateValue } from './config-records.js'
import { ConfigView } from './config-view.js'
import { StatusView } from './status-records.js'

const json = (value: unknown): Buffer | null => (value === null ? null : Buffer.from(JSON.stringify(value)))
const apply = (view: ConfigView, key: string, value: unknown): ReturnType<ConfigView['apply']> => view.apply(parseConfigRecord(key, json(value)))

describe('config topic records', () => {
  it('writes values byte for byte as Kafka Connect does', () => {
    expect(JSON.stringify(propertiesValue({ 'connector.class': 'X', name: 'a' }))).toBe('{"properties":{"connector.class":"X","name":"a"}}')
    expect(JSON.stringify(commitValue(3))).toBe('{"tasks":3}')
    expect(JSON.stringify(targetStateValue('STOPPED'))).toBe('{"state":"PAUSED","state.v2":"STOPPED"}')
    expect(JSON.stringify(targetStateValue('RUNNING'))).toBe('{"state":"STARTED","state.v2":"STARTED"}')
    expect(JSON.stringify(restartValue(true, false))).toBe('{"include-tasks":true,"only-failed":false}')
  })

  it('reads task keys of connectors whose names contain dashes, and ignores keys it does not use', () => {
    expect(parseConfigRecord('task-my-sink-12', json({ properties: { a: 'b' } }))).toEqual({ kind: 'task', name: 'my-sink', task: 12, config: { a: 'b' } })
    expect(parseConfigRecord('session-key', json({ key: 'x' }))).toEqual({ kind: 'other', key: 'session-key' })
    expect(parseConfigRecord('target-state-c', json({ state: 'PAUSED' }))).toEqual({ kind: 'target', name: 'c', state: 'PAUSED' })
  })

  it('keeps a __proto__ config key as a key', () => {
    const read = parseConfigRecord('connector-c', Buffer.from('{"properties":{"__proto__":"x","name":"c"}}'))
    expect(read.kind === 'connector' ? Object.entries(read.config ?? {}) : []).toEqual([['__proto__', 'x'], ['name', 'c']])
  })
})

describe('ConfigView', () => {
  it('applies task configs only when their commit arrives', () => {
    const view = new ConfigView()
    apply(view, 'connector-c', { properties: { name: 'c' } })
    apply(view, 'task-c-0', { properties: { t: '0' } })
    apply(view, 'task-c-1', { properties: { t: '1' } })
    expect(view.get('c')?.tasks).toEqual([])
    apply(view, 'commit-c', { tasks: 2 })
    expect(view.get('c')).toEqual({ name: 'c', config: { name: 'c' }, target: 'RUNNING', tasks: [{ t: '0' }, { t: '1' }] })
    apply(view, 'target-state-c', targetStateValue('STOPPED'))
    apply(view, 'commit-c', { tasks: 0 })
    expect(view.get('c')).toMatchObject({ target: 'STOPPED', tasks: [] })
  })

  it('forgets a deleted connector and reports restart requests', () => {
    const view = new ConfigView()
    apply(view, 'connector-c', { properties: { name: 'c' } })
    expect(apply(view, 'restart-connector-c', restartValue(true, true))).toEqual({ name: 'c', includeTasks: true, onlyFailed: true })
    apply(view, 'connector-c', null)
    expect(view.names()).toEqual([])
  })
})

describe('shareOf', () => {
  it('deals connectors and tasks round-robin so that every member gets its share', () => {
    const counts = new Map([['src', 1], ['sink', 3]])
    const a = shareOf('a', ['a', 'b'], counts)
    const b = shareOf('b', ['a', 'b'], counts)
    expect(a.tasks).toHaveLength(2)
    expect(b.tasks).toHaveLength(2)
    expect([...a.connectors, ...b.connectors].sort()).toEqual(['sink', 'src'])
    expect(shareOf('a', ['a'], counts).tasks).toHaveLength(4)
    expect(shareOf('c', ['a', 'b'], counts)).toEqual({ connectors: [], tasks: [] })
  })
})

describe('StatusView', () => {
  it('keeps the newer generation of another worker over a late write of an older one', () => {
    const view = new StatusView()
    const status = (worker: string, generation: number, state = 'RUNNING'): Buffer | null => json({ state, trace: null, worker_id: worker, generation })
    view.apply('status-task-c-0', status('b:1', 3))
    view.apply('status-task-c-0', status('a:1', 2, 'UNASSIGNED'))
    expect(view.task('c', 0)).toEqual({ state: 'RUNNING', trace: null, worker_id: 'b:1', generation: 3 })
    view.apply('status-task-c-0', status('b:1', 3, 'FAILED'))
    expect(view.task('c', 0)?.state).toBe('FAILED')
    view.apply('status-task-c-0', null)
    expect(view.task('c', 0)).toBeUndefined()
  })
})
