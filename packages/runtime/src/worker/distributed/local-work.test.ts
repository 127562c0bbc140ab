import { describe, expect, it } from 'vitest'
import { builtinConnectors } from '../../plugins/default-registry.js'
import { createConnectorRegistry } from '../../tasks/connector-registry.js'
import { systemClock } from '../../tasks/task-context.js'
import { createMemoryTopicBackend } from '../../topics/memory-topic-backend.js'
import { LocalWork } from './local-work.js'

const registry = createConnectorRegistry(builtinConnectors({ writer: { write: () => undefined } }))

async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!probe()) throw new Error(`timed out waiting for ${what}`)
}

describe('LocalWork', () => {
  it('runs one task of a connector alone, pauses it, restarts it when its config changes and stops it', async () => {
    const backend = createMemoryTopicBackend()
    const work = new LocalWork({ backend, registry, env: {}, clock: systemClock, log: () => undefined })
    const config = { 'connector.class': 'pipe:datagen-source', topic: 'orders', 'max.records': '10', name: 'gen' }
    await work.runConnector('gen', config, 'RUNNING')
    expect(work.connectorState('gen')).toEqual({ state: 'RUNNING', trace: null })
    await work.runTask('gen', config, config, 0, 1, 'RUNNING')
    await until('the task to run', () => work.taskState('gen', 0)?.state === 'RUNNING')
    expect(work.tasks()).toEqual([{ connector: 'gen', task: 0 }])
    await work.runTask('gen', config, config, 0, 1, 'PAUSED')
    expect(work.taskState('gen', 0)?.state).toBe('PAUSED')
    await work.runTask('gen', { ...config, 'max.records': '20' }, config, 0, 1, 'RUNNING')
    await until('the restarted task to run', () => work.taskState('gen', 0)?.state === 'RUNNING')
    await work.stopTask('gen', 0)
    expect(work.tasks()).toEqual([])
    expect(work.taskState('gen', 0)).toBeUndefined()
  })

  it('fails a task whose config-provider variable is unset, naming it, and never shows a resolved value', async () => {
    const work = new LocalWork({ backend: createMemoryTopicBackend(), registry, env: { TOPIC: 'hidden-topic-name' }, clock: systemClock, log: () => undefined })
    const config = { 'connector.class': 'pipe:datagen-source', topic: '${env:TOPIC}', seed: '${env:MISSING_SEED}', name: 'gen' }
    await work.runTask('gen', config, config, 0, 1, 'RUNNING')
    await until('the task to fail', () => work.taskState('gen', 0)?.state === 'FAILED')
    const trace = work.taskState('gen', 0)?.trace ?? ''
    expect(trace).toContain('MISSING_SEED')
    expect(trace).not.toContain('hidden-topic-name')
    await work.stopAll()
  })
})
