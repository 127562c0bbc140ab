// @servers cassandra
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectValue } from '../../../packages/runtime/src/index.js'
import { restartServer, stopServer } from '../../infra/infra.js'
import type { ServerState } from '../../infra/state.js'
import { cassandraClient, captureLog, createKeyspace, sinkConfig, sinkRecords, startSink } from './sink-harness.js'

const OUTAGE_MS = 30_000

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('cassandra sink while the node is down', () => {
  let keyspace = ''
  beforeAll(async () => {
    const client = cassandraClient()
    keyspace = await createKeyspace(client, 'sink_outage')
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text)`)
    await client.shutdown()
  })
  afterAll(async () => {
    const client = cassandraClient()
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('retries, reports the failure in its status, and writes every row once Cassandra is back', { timeout: 300_000 }, async () => {
    const values: ConnectValue[] = Array.from({ length: 1_500 }, (_, i) => ({ id: `t${i}`, text: `tweet ${i}` }))
    const records = sinkRecords(values)
    const logged = captureLog()
    const { task, stop } = await startSink(sinkConfig(keyspace, 'tweets', { id: 'id', body: 'text' }), logged)
    let stopped: ServerState | undefined
    try {
      await task.put(records.slice(0, 500))
      // WHEN the node stops mid-run and a batch arrives
      stopped = await stopServer('cassandra')
      let putDone = false
      const putting = task.put(records.slice(500)).then(() => {
        putDone = true
      })
      // THEN the task keeps retrying and says why
      await waitFor('the sink to report retrying', () => task.status()?.state === 'retrying', 60_000)
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS))
      expect(putDone).toBe(false)
      expect(task.status()).toMatchObject({ state: 'retrying', lastError: expect.any(String) as unknown })
      expect(task.status()?.retries).toBeGreaterThan(3)
      // what the engine shows as the task's problem (pipe run progress, pipe worker status)
      expect(task.problem?.()).toMatch(/^cannot write to Cassandra, retrying \(\d+ retries so far\): ./)
      // AND once Cassandra is back the batch completes
      await restartServer(stopped)
      stopped = undefined
      await putting
      expect(task.status()).toMatchObject({ state: 'ready', rowsWritten: 1_500 })
      expect(task.problem?.()).toBeUndefined()
    } finally {
      if (stopped !== undefined) await restartServer(stopped)
      await stop()
    }
    const client = cassandraClient()
    const count = await client.execute(`SELECT count(*) FROM ${keyspace}.tweets`)
    await client.shutdown()
    expect(Number(count.first()['count'])).toBe(1_500)
    expect(logged.lines.some((l) => l.startsWith('warn cassandra sink: NoHostAvailableError'))).toBe(true)
    expect(logged.lines).toContain('info cassandra sink: writes succeed again')
  })
})
