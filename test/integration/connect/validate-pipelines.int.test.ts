// @servers kafka connect
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'

interface ConnectorDocument {
  name: string
  config: Record<string, string>
}

interface ConfigInfos {
  error_count: number
  configs: { value: { name: string; errors: string[] } }[]
}

/** `pipe compile <path>` with the built CLI: the configs a user would deploy. */
async function compile(path: string): Promise<ConnectorDocument[]> {
  const out = mkdtempSync(join(tmpdir(), 'pipe-validate-'))
  const run = await runPipe(['compile', path, '--out', out])
  expect(run.stderr).not.toContain(' error ')
  expect(run.status).toBe(0)
  return readdirSync(out).sort().map((file) => JSON.parse(readFileSync(join(out, file), 'utf8')) as ConnectorDocument)
}

describe('compiled pipelines/ on the real Kafka Connect worker', () => {
  it('passes the validate endpoint with zero errors for every config whose plugin the worker has', async () => {
    const { url } = servers().connect
    // pipelines/, plus the seed pipeline's Camel Cassandra sink alone (twitter runs on pipe only)
    const documents = [...await compile('pipelines'), ...await compile('test/fixtures/connect/portable')]
    const plugins = await connectRequest(url, 'GET', '/connector-plugins?connectorsOnly=true')
    const classes = new Set((plugins.body as { class: string }[]).map((plugin) => plugin.class))
    const installed = documents.filter((document) => classes.has(document.config['connector.class'] ?? ''))
    // file source/sink, Debezium postgres, Debezium JDBC sink, Camel Cassandra sink
    expect(installed.length).toBeGreaterThanOrEqual(5)
    expect(new Set(installed.map((d) => d.config['connector.class'])).size).toBeGreaterThanOrEqual(5)

    const errors: string[] = []
    for (const document of installed) {
      const connectorClass = document.config['connector.class'] ?? ''
      const response = await connectRequest(url, 'PUT', `/connector-plugins/${connectorClass}/config/validate`, { ...document.config, name: document.name })
      expect(response.status, `${document.name}: ${JSON.stringify(response.body)}`).toBe(200)
      const infos = response.body as ConfigInfos
      // a ConfigDef key the connector's validation leaves out has value null (Debezium 3.6's PostgreSQL connector)
      for (const { value } of infos.configs as readonly { value: ConfigInfos['configs'][number]['value'] | null }[]) {
        if (value === null) continue
        for (const error of value.errors) errors.push(`${document.name}: ${value.name}: ${error}`)
      }
      expect(infos.error_count, `${document.name} has errors`).toBe(errors.filter((e) => e.startsWith(`${document.name}:`)).length)
    }
    expect(errors).toEqual([])
  })

  it('pipe check --connect URL exits 0 on pipelines/ and reports a broken config at its file:line', async () => {
    const { url } = servers().connect
    const clean = await runPipe(['check', 'pipelines', '--connect', url])
    // pipelines/customers-replica.ts leaves its dead-letter topic at the default replication factor 3:
    // a warning, as the worker's REST API does not tell whether its cluster has 3 brokers
    expect(clean.stderr).not.toContain(' error ')
    expect(clean.stderr.split('\n').filter((l) => l.includes(' warning PIPE_'))).toEqual([expect.stringContaining("warning PIPE_DLQ_REPLICATION_FACTOR: dead-letter topic 'customers-replica-dlq'") as unknown])
    expect(clean.status).toBe(0)
    expect(clean.stdout).toContain(`against ${url}: no errors`)

    const broken = await runPipe(['check', 'test/fixtures/connect/rejected-by-worker.ts', '--connect', url])
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(/^test\/fixtures\/connect\/rejected-by-worker\.ts:\d+:\d+ error PIPE_CONNECT_INVALID_CONFIG: /m)
  })

  it('pipe check --connect URL validates a kafkaConnect() config live, at the file:line of its key', async () => {
    const { url } = servers().connect
    const offline = await runPipe(['check', 'test/fixtures/connect/kafka-connect-rejected.ts'])
    expect(offline.status).toBe(0)
    const live = await runPipe(['check', 'test/fixtures/connect/kafka-connect-rejected.ts', '--connect', url])
    expect(live.status).toBe(1)
    expect(live.stderr).toMatch(/^test\/fixtures\/connect\/kafka-connect-rejected\.ts:8:3 error PIPE_CONNECT_INVALID_CONFIG: Kafka Connect rejects 'batch.size' \(option 'batch.size'\) of connector 'kafka-connect-rejected-source': .*many/m)
  })
})
