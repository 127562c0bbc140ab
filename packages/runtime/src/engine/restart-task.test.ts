import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine, type Engine } from './engine.js'

async function allRunning(engine: Engine, name: string): Promise<void> {
  const end = Date.now() + 5000
  while (!engine.status(name).tasks.every((t) => t.state === 'RUNNING')) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const SINK = { 'connector.class': 'FileStreamSink', topics: 't', 'tasks.max': '3', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }

describe('engine.restartTask', () => {
  it('restarts only the given task; the other tasks keep running untouched', async () => {
    const engine = createEngine({ backend: createMemoryTopicBackend(3), registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start([{ name: 'snk', config: SINK }])
    await allRunning(engine, 'snk')
    const before = engine.metrics('snk')
    const restarting = engine.restartTask('snk', 1)
    expect(engine.status('snk').tasks.map((t) => t.state)).toEqual(['RUNNING', 'RESTARTING', 'RUNNING'])
    await restarting
    const after = engine.metrics('snk')
    // a task's metrics object lives as long as the task: the same object means the same task
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[2]).toBe(before[2])
    await expect(engine.restartTask('snk', 3)).rejects.toThrow('unknown task snk-3 (it has 3 tasks)')
    await engine.stop()
  })

  it('restarts only the failed tasks of a healthy connector with includeTasks and onlyFailed', async () => {
    const engine = createEngine({ backend: createMemoryTopicBackend(3), registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start([{ name: 'snk', config: SINK }])
    await allRunning(engine, 'snk')
    const before = engine.metrics('snk')
    await engine.restart('snk', { includeTasks: true, onlyFailed: true })
    // nothing failed: nothing restarted; nor by restarting just the healthy Connector object
    expect(engine.metrics('snk').every((m, i) => m === before[i])).toBe(true)
    await engine.restart('snk')
    expect(engine.metrics('snk').every((m, i) => m === before[i])).toBe(true)
    // with its tasks: every task is new
    await engine.restart('snk', { includeTasks: true })
    expect(engine.metrics('snk').some((m, i) => m === before[i])).toBe(false)
    await engine.stop()
  })
})
