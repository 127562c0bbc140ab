import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../tasks/task-context.js'
import { fileStreamSourceConnector } from './file-source.js'

describe('FileStream source', () => {
  it('waits for a missing file, as Kafka Connect does, and reads it once it exists', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pipe-file-source-')), 'late.txt')
    const task = fileStreamSourceConnector.createTask()
    const context = { connectorName: 's', taskId: 0, config: { file, topic: 't' }, clock: systemClock, signal: new AbortController().signal }
    await task.start({ ...context, offsets: { offset: () => Promise.resolve(null) } })
    expect(await task.poll()).toEqual([])
    await writeFile(file, 'a\n')
    expect((await task.poll()).map((r) => [r.value, r.sourceOffset])).toEqual([['a', { position: 2 }]])
    await task.stop()
  })

  it('still fails on a file it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-file-source-'))
    const task = fileStreamSourceConnector.createTask()
    const context = { connectorName: 's', taskId: 0, config: { file: dir, topic: 't' }, clock: systemClock, signal: new AbortController().signal }
    await task.start({ ...context, offsets: { offset: () => Promise.resolve(null) } })
    await expect(task.poll()).rejects.toThrow(/EISDIR/)
  })
})
