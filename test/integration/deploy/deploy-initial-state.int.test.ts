// @servers kafka connect
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { DEPLOY_TARGETS, DeployProject } from './deploy-harness.js'

describe.each(DEPLOY_TARGETS)('pipe deploy of a connector declared paused, on $label', ({ kind }) => {
  const project = new DeployProject(kind)
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it('creates it PAUSED (POST /connectors with initial_state), its tasks too, and a second plan has nothing to do', async () => {
    // GIVEN pipelines/file-copy.ts whose sink is declared { initialState: 'paused' }
    const name = `paused-${project.id}`
    const file = project.fileCopy(name)
    const text = readFileSync(file, 'utf8')
    const paused = text.replace(/(\.sink\(fileSink\(\{ file: '[^']*' \}\))\)/, "$1, { initialState: 'paused' })")
    expect(paused).not.toBe(text)
    writeFileSync(file, paused)

    // WHEN it is deployed
    const deployed = await project.json(['deploy', project.dir, '--yes'])
    expect(deployed.run.status, deployed.run.stdout + deployed.run.stderr).toBe(0)

    // THEN the sink is PAUSED on the worker (connector and task) and the source RUNNING
    const status = async (connector: string): Promise<{ connector: { state: string }; tasks: { state: string }[] }> =>
      (await connectRequest(project.url, 'GET', `/connectors/${connector}/status`)).body as { connector: { state: string }; tasks: { state: string }[] }
    // (Kafka Connect 3.9 makes no task for a connector created PAUSED until it is resumed; pipe worker's task is PAUSED)
    await waitFor(`${name}-sink PAUSED, its tasks too`, async () => {
      const s = await status(`${name}-sink`)
      return s.connector.state === 'PAUSED' && s.tasks.every((t) => t.state === 'PAUSED') ? true : undefined
    }, 30_000)
    expect((await status(`${name}-source`)).connector.state).toBe('RUNNING')
    expect(deployed.report.applied?.find((a) => a.name === `${name}-sink`)?.action).toBe('created')

    // AND a second plan changes nothing (the declared state is the live one)
    const again = await project.json(['plan', project.dir])
    expect(again.run.status, again.run.stdout + again.run.stderr).toBe(0)
  }, 120_000)
})
