import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createFakeConnect, running } from '../deploy/fake-connect-client.fixture.js'
import { createMemoryIoHost } from '../report/io-host.js'
import { runPlan } from './plan.js'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..')

describe('pipe plan', () => {
  it('exits 2 with changes pending, 0 once the cluster matches, and prints JSON with --json', async () => {
    const connect = createFakeConnect()
    const io = createMemoryIoHost()
    expect(await runPlan(['pipelines/file-copy.ts'], { json: true }, io, repo, connect)).toBe(2)
    const report = JSON.parse(io.stdout) as { status: string; hasChanges: boolean; actions: { type: string; name: string; changes: { key: string; to?: string }[] }[] }
    expect(report.status).toBe('ok')
    expect(report.actions.map((a) => [a.type, a.name])).toEqual([['create', 'file-copy-sink'], ['create', 'file-copy-source']])

    // GIVEN the cluster now runs exactly those configs
    for (const action of report.actions) {
      connect.configs.set(action.name, Object.fromEntries(action.changes.map((c) => [c.key, c.to ?? ''])))
      connect.statuses.set(action.name, [running(action.name)])
    }
    const again = createMemoryIoHost()
    expect(await runPlan(['pipelines/file-copy.ts'], {}, again, repo, connect)).toBe(0)
    expect(again.stdout).toContain('= unchanged file-copy-source (pipeline file-copy, RUNNING)\n')
    expect(again.stdout).toMatch(/no changes: 2 unchanged\n$/)
  })

  it("plans a connector the user defined in their own module, with the worker's view of its class", async () => {
    const io = createMemoryIoHost()
    expect(await runPlan(['test/fixtures/user-connector/pipelines'], { json: true }, io, repo, createFakeConnect())).toBe(2)
    const report = JSON.parse(io.stdout) as { actions: { type: string; name: string; connectorClass?: string; changes: { key: string; to?: string }[] }[] }
    expect(report.actions.map((a) => [a.type, a.name, a.connectorClass])).toEqual([['create', 'search-sink', 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector']])
    expect(report.actions[0]?.changes).toContainEqual({ key: 'connection.url', to: 'http://es:9200' })
    expect(report.actions[0]?.changes).toContainEqual({ key: 'connection.password', to: '${env:ES_PASSWORD}' })
  })

  it('exits 1 with the file:line of a pipeline that does not load', async () => {
    const io = createMemoryIoHost()
    expect(await runPlan(['test/fixtures/broken/no-default-export.ts'], {}, io, repo, createFakeConnect())).toBe(1)
    expect(io.stderr).toMatch(/no-default-export\.ts/)
  })
})
