// @servers kafka connect postgres-logical
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPipe } from '../../e2e/run-pipe.js'
import { repoRoot } from '../../infra/paths.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { readTopic } from '../../support/read-topic.js'
import { waitFor } from '../../support/wait-for.js'
import { DeployProject } from '../deploy/deploy-harness.js'
import { debeziumPipeline } from './debezium-pipeline.js'
import { dropSlot } from '../databases/db-harness.js'

interface ConnectorStatus {
  readonly connector: { readonly state: string }
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly trace?: string }[]
}

// GIVEN a table in the PostgreSQL with logical decoding, the worker's plugins pulled with `pipe plugins pull`,
//   and a pipeline file with the pulled Debezium PostgreSQL source and ExtractNewRecordState step, password env()
// WHEN `pipe deploy` puts it on the real Kafka Connect worker and a row is inserted
// THEN the connector and its task run, and the row arrives in the topic flattened (the row, no envelope)
describe('Debezium PostgreSQL source deployed with pipe deploy', () => {
  const project = new DeployProject('connect')
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const table = `customers_${project.id}`
  const pipeline = `cdc-${project.id}`
  const topicName = `cdc-${project.id}-customers`
  const slot = `pipe_${project.id}`

  beforeAll(async () => {
    await project.start()
    // `pipe check` type-checks the file: @pipe/dsl resolves from the temp folder as from the repo
    symlinkSync(join(repoRoot, 'node_modules'), join(project.dir, 'node_modules'))
    // the user's flow: pull the worker's plugins into the project, then write the pipeline with them
    const pull = await runPipe(['plugins', 'pull', '--connect', project.url, '--out', join(project.dir, 'connectors')])
    if (pull.status !== 0) throw new Error(`pipe plugins pull failed:\n${pull.stdout}${pull.stderr}`)
    await db.connect()
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL, email text)`)
  })
  afterAll(async () => {
    await project.cleanup()
    // the slot stays active a moment after the task stops
    await dropSlot(db, slot)
    await db.query(`DROP TABLE IF EXISTS ${table}`)
    await db.end()
  })

  it('reaches RUNNING and delivers an inserted row, flattened', async () => {
    const { host, port, user, database } = servers().postgresLogical
    // the pipeline file by name: a folder would take the pulled modules in connectors/ for pipelines too
    const file = project.write(`${pipeline}.ts`, debeziumPipeline({ host, port, user, database, table: `public.${table}`, slot, topic: topicName }))
    const env = { PG_PASSWORD: 'not-checked-trust-auth' }
    const check = await project.pipe(['check', file], env)
    expect(check.status, check.stdout + check.stderr).toBe(0)
    const deploy = await project.pipe(['deploy', file, '--yes'], env)
    expect(deploy.status, deploy.stdout + deploy.stderr).toBe(0)
    expect(deploy.stdout + deploy.stderr).not.toContain('not-checked-trust-auth')

    const name = `${pipeline}-source`
    const status = await waitFor(`${name} and its task RUNNING`, async () => {
      const response = await connectRequest(project.url, 'GET', `/connectors/${name}/status`)
      const body = response.body as ConnectorStatus | undefined
      const failed = body?.tasks.find((task) => task.state === 'FAILED')
      if (failed !== undefined) throw new Error(`task ${failed.id} FAILED: ${failed.trace?.split('\n')[0] ?? ''}`)
      return body?.connector.state === 'RUNNING' && body.tasks.length === 1 && body.tasks[0]?.state === 'RUNNING' ? body : undefined
    }, 90_000)
    expect(status.tasks.map((task) => task.state)).toEqual(['RUNNING'])
    const config = (await connectRequest(project.url, 'GET', `/connectors/${name}/config`)).body as Record<string, string>
    expect(config['connector.class']).toBe('io.debezium.connector.postgresql.PostgresConnector')
    expect(config['database.password']).toBe('${env:PG_PASSWORD}')
    expect(Object.values(config)).toContain('io.debezium.transforms.ExtractNewRecordState')
    expect(Object.entries(config)).toContainEqual([expect.stringMatching(/^transforms\.[^.]+\.delete\.tombstone\.handling\.mode$/), 'drop'])

    await db.query(`INSERT INTO ${table} (id, name, email) VALUES (1, 'Ada', 'ada@example.com')`)
    // the topic the connector wrote to, as the worker tracks it: Debezium names it <topic.prefix>.<schema>.<table>,
    // the pulled module routes it to the pipeline's topic
    const written = await waitFor(`${name} to write a topic`, async () => {
      const body = (await connectRequest(project.url, 'GET', `/connectors/${name}/topics`)).body as Record<string, { topics: string[] }> | undefined
      const topics = body?.[name]?.topics ?? []
      return topics.length > 0 ? topics : undefined
    }, 90_000)
    expect(written).toEqual([topicName])
    const [record] = await readTopic(servers().kafka.brokers, topicName, 1, { timeoutMs: 90_000 })
    const value = JSON.parse(record?.value ?? 'null') as { payload?: unknown } | Record<string, unknown>
    const row = 'payload' in value ? value.payload : value
    // flattened: the row itself, not Debezium's { before, after, source, op } envelope
    expect(row).toEqual({ id: 1, name: 'Ada', email: 'ada@example.com' })
  })
})
