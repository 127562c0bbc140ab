import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker | undefined
afterEach(async () => {
  await w?.server.close()
  w = undefined
})

describe('a FileStreamSink on pipe worker', () => {
  it('keeps its file when its tasks (tasks.max=2) restart', async () => {
    const t = w = await startTestWorker()
    const out = join(t.dir, 'out.txt')
    const read = (): string => { try { return readFileSync(out, 'utf8') } catch { return '' } }
    await t.call('POST', '/connectors', { name: 'src', config: { 'connector.class': 'FileStreamSource', file: join(t.dir, 'in.txt'), topic: 'lines' } })
    await t.call('POST', '/connectors', { name: 'x', config: { 'connector.class': 'FileStreamSink', file: out, topics: 'lines', 'tasks.max': '2' } })
    await until(() => Promise.resolve(read() === 'a\nb\nc\n'))
    // let both tasks commit their checkpoints
    await new Promise((r) => setTimeout(r, 1500))
    expect((await t.call('POST', '/connectors/x/restart?includeTasks=true')).status).toBe(202)
    await until(async () => JSON.stringify((await t.call('GET', '/connectors/x/status')).body).split('"RUNNING"').length === 4)
    await new Promise((r) => setTimeout(r, 500))
    expect(read()).toBe('a\nb\nc\n')
  })

  it('fails a task whose file is a directory with one line naming the path and the fix', async () => {
    const t = w = await startTestWorker()
    const out = join(t.dir, 'out')
    mkdirSync(out)
    await t.call('POST', '/connectors', { name: 'x', config: { 'connector.class': 'FileStreamSink', file: out, topics: 'lines' } })
    await until(async () => JSON.stringify((await t.call('GET', '/connectors/x/status')).body).includes('FAILED'))
    const status = (await t.call('GET', '/connectors/x/status')).body as { tasks: { trace?: string }[] }
    expect(status.tasks[0]?.trace?.split('\n')[0]).toBe(`RuntimeError: cannot write the file sink's file '${out}': it is a directory; fix: set 'file' to a file path`)
  })
})
