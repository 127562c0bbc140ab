import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker
beforeEach(async () => { w = await startTestWorker() })
afterEach(async () => { await w.server.close() })

describe('GET /connectors/{c}/tasks on a standalone worker', () => {
  it("shows each task's config as Kafka Connect's worker makes it: with task.class and the connector's topics", async () => {
    const config = { 'connector.class': 'FileStreamSink', file: join(w.dir, 'out.txt'), topics: 'a,b', 'tasks.max': '1' }
    expect((await w.call('POST', '/connectors', { name: 's', config })).status).toBe(201)
    await until(async () => JSON.stringify((await w.call('GET', '/connectors/s/status')).body).includes('"state":"RUNNING","worker_id"'))
    expect((await w.call('GET', '/connectors/s/tasks')).body).toEqual([
      { id: { connector: 's', task: 0 }, config: { ...config, name: 's', 'task.class': 'org.apache.kafka.connect.file.FileStreamSinkTask' } },
    ])
  })
})
