import { defaultRegistry, type SourceTask } from '@pipe/runtime'
import { describe, expect, it } from 'vitest'
import { withFairSources } from './fair-sources.js'

describe('withFairSources', () => {
  it('passes through what the engine asks a source task between polls: its problem and whether it is busy', () => {
    const task: SourceTask = { start: () => Promise.resolve(), poll: () => Promise.resolve([]), problem: () => 'waiting', isBusy: () => true, stop: () => Promise.resolve() }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { Probe: { type: 'source', taskConfigs: (c) => [c], createTask: () => task } } })
    const plugin = withFairSources(registry).connector('Probe')
    if (plugin?.type !== 'source') throw new Error('no Probe source')
    const fair = plugin.createTask()
    expect({ problem: fair.problem?.(), busy: fair.isBusy?.() }).toEqual({ problem: 'waiting', busy: true })
  })
})
