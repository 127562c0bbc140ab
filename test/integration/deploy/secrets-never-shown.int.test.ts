// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PipeRun } from '../../e2e/run-pipe.js'
import { connectRequest } from '../../support/connect-rest.js'
import { DeployProject } from './deploy-harness.js'

describe('secrets in pipe plan, deploy and status', () => {
  const project = new DeployProject()
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it("never shows an env() secret's value, nor a literal password found on the worker", async () => {
    // GIVEN a pipeline whose password is env(VAR); VAR's value is set for the pipe CLI only
    const variable = `PIPE_IT_SECRET_${project.id.toUpperCase()}`
    const sentinel = `env-sentinel-${randomUUID()}`
    const literal = `literal-sentinel-${randomUUID()}`
    const env = { [variable]: sentinel }
    const pipeline = `secrets-${project.id}`
    const name = `${pipeline}-sink`
    project.write(`${pipeline}.ts`, [
      "import { topic, env } from '@pipe/dsl'",
      "import { jdbc } from '@pipe/dsl/connectors'",
      `export default topic('secrets-${project.id}', { format: 'json-schema' }).sink(jdbc({`,
      "  url: 'jdbc:postgresql://127.0.0.1:5432/postgres', username: 'postgres',",
      `  password: env('${variable}'), insertMode: 'upsert', primaryKeyMode: 'record_key', tableNameFormat: 'secrets_${project.id}',`,
      '}))',
      '',
    ].join('\n'))
    // AND the same connector already on the worker, STOPPED, holding a literal password
    // (its config as the plan shows it: the placeholder is shown as written)
    const first = await project.json(['plan', project.dir], env)
    const create = first.report.actions.find((a) => a.name === name)
    const config = Object.fromEntries((create?.changes ?? []).map((c) => [c.key, c.to ?? '']))
    expect(config['connection.password']).toBe(`\${env:${variable}}`)
    const created = await connectRequest(project.url, 'POST', '/connectors', {
      name, config: { ...config, 'connection.password': literal }, initial_state: 'STOPPED',
    })
    expect(created.status).toBe(201)

    // WHEN pipe plans, deploys and shows the status, in both formats
    const runs: PipeRun[] = []
    runs.push(first.run)
    const pipe = async (args: string[]): Promise<PipeRun> => { const run = await project.pipe(args, env); runs.push(run); return run }
    const plan = await pipe(['plan', project.dir])
    await pipe(['plan', project.dir, '--json'])
    const deploy = await pipe(['deploy', project.dir, '--yes'])
    await pipe(['plan', project.dir, '--json'])
    await pipe(['status'])
    await pipe(['status', '--json'])
    await pipe(['status', name])
    await pipe(['status', name, '--json'])

    // THEN the plan shows the placeholder and hides the literal, and neither value appears anywhere
    expect(plan.stdout).toContain(`~ connection.password: "[hidden]" -> "\${env:${variable}}"`)
    expect(deploy.status).toBe(0)
    expect(deploy.stdout).toContain(`updated ${name}, STOPPED`)
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(sentinel)
      expect(run.stdout + run.stderr).not.toContain(literal)
    }
    // AND the worker holds the placeholder, never a value pipe resolved
    const live = await connectRequest(project.url, 'GET', `/connectors/${name}/config`)
    expect((live.body as Record<string, string>)['connection.password']).toBe(`\${env:${variable}}`)
  })
})
