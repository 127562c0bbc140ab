import { firstValueFrom, filter } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

const registry = defaultRegistry({ writer: { write: () => undefined } })
const datagen = (extra: Record<string, string> = {}): Record<string, string> => ({ 'connector.class': 'pipe:datagen-source', topic: 'orders', 'max.records': '5', ...extra })

describe('engine status$ and metrics$', () => {
  it('emits each connector on subscription, then on a change only', async () => {
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5, sampleMs: 10 })
    await engine.start([{ name: 'gen', config: datagen({ 'max.records': '0' }) }])
    const seen: string[] = []
    const subscription = engine.status$.subscribe((s) => seen.push(`${s.connector.state} ${s.tasks.map((t) => t.state).join(',')}`))
    await until(() => seen.includes('RUNNING RUNNING'))
    engine.pause('gen')
    expect(seen.at(-1)).toBe('PAUSED PAUSED')
    await new Promise((r) => setTimeout(r, 50))
    subscription.unsubscribe()
    expect(seen.filter((line, i) => seen[i - 1] === line)).toEqual([])
    expect(seen.at(-1)).toBe('PAUSED PAUSED')
    await engine.stop()
  })

  it('samples every connector with its task counters', async () => {
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5, sampleMs: 10 })
    await engine.start([{ name: 'gen', config: datagen() }])
    const done = await firstValueFrom(engine.metrics$.pipe(filter((s) => s[0]?.metrics[0]?.recordsOut === 5)))
    expect(done.map((s) => [s.status.name, s.lag])).toEqual([['gen', undefined]])
    await engine.stop()
  })

  it("refuses an unset ${env:VAR} before anything starts when told to ('refuse'), else fails the tasks naming it", async () => {
    const config = datagen({ 'x.token': '${env:PIPE_TEST_UNSET_SEED}' })
    const strict = createEngine({ backend: createMemoryTopicBackend(), registry, configEnv: {}, unresolvedConfig: 'refuse' })
    await expect(strict.start([{ name: 'gen', config }])).rejects.toThrow(/PIPE_TEST_UNSET_SEED is not set/)
    expect(strict.statuses()).toEqual([])
    const lenient = createEngine({ backend: createMemoryTopicBackend(), registry, configEnv: {} })
    await lenient.start([{ name: 'gen', config }])
    expect(lenient.status('gen').tasks[0]?.trace).toContain('PIPE_TEST_UNSET_SEED is not set')
    await lenient.stop()
  })
})

describe('engine.assigned', () => {
  it('runs single tasks of a connector with the given task configs, hides resolved values, and stops them', async () => {
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5, configEnv: { TOPIC: 'secret-topic' } })
    const def = { name: 'gen', config: { ...datagen({ topic: '${env:TOPIC}', 'tasks.max': '3' }), name: 'gen' } }
    expect(await engine.assigned.startConnector(def, 'RUNNING')).toBeUndefined()
    engine.assigned.startTask(def, def.config, 2, 3)
    engine.assigned.startTask(def, { ...def.config, seed: '${env:NOPE}' }, 0, 3)
    await until(() => engine.status('gen').tasks[1]?.state === 'RUNNING')
    const status = engine.status('gen')
    expect(status.tasks.map((t) => [t.id, t.state])).toEqual([[0, 'FAILED'], [2, 'RUNNING']])
    expect(status.tasks[0]?.trace).toContain('NOPE')
    expect(JSON.stringify(status)).not.toContain('secret-topic')
    engine.assigned.pauseTask('gen', 2)
    expect(engine.status('gen').tasks[1]?.state).toBe('PAUSED')
    await engine.assigned.stopTask('gen', 2)
    await engine.assigned.stopTask('gen', 0)
    engine.assigned.dropConnector('gen')
    expect(engine.statuses()).toEqual([])
  })
})
