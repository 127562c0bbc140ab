// @servers kafka connect
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DeployProject, linesOf } from './deploy-harness.js'

describe('pipe deploy on Apache Kafka Connect', () => {
  const project = new DeployProject()
  afterAll(() => project.cleanup())

  it('deploys the FileStream pipelines of pipelines/, and a second deploy changes nothing', async () => {
    // GIVEN pipelines/file-copy.ts twice (two pipelines, four connectors) with files in a temp folder
    const a = `copy-a-${project.id}`
    const b = `copy-b-${project.id}`
    project.fileCopy(a)
    project.fileCopy(b)
    writeFileSync(join(project.data, `${a}-in.txt`), 'one\ntwo\nthree\n')
    writeFileSync(join(project.data, `${b}-in.txt`), 'four\n')

    // WHEN it is planned, then deployed
    const planned = await project.json(['plan', project.dir])
    expect(planned.run.status).toBe(2)
    expect(planned.report.actions.filter((x) => x.type === 'create').map((x) => x.name).sort())
      .toEqual([`${a}-sink`, `${a}-source`, `${b}-sink`, `${b}-source`])

    const deployed = await project.json(['deploy', project.dir, '--yes'])
    expect(deployed.run.stderr).toBe('')
    expect(deployed.run.status).toBe(0)
    expect(deployed.report.applied?.map((x) => [x.name, x.action, x.state]).sort()).toEqual([
      [`${a}-sink`, 'created', 'RUNNING'], [`${a}-source`, 'created', 'RUNNING'],
      [`${b}-sink`, 'created', 'RUNNING'], [`${b}-source`, 'created', 'RUNNING'],
    ])
    // THEN the pipelines run: the lines arrive in the sink files
    expect(await linesOf(join(project.data, `${a}-out.txt`), 3)).toEqual(['one', 'two', 'three'])
    expect(await linesOf(join(project.data, `${b}-out.txt`), 1)).toEqual(['four'])

    // AND the second plan shows no changes (exit 0), and a second deploy applies nothing
    const again = await project.json(['plan', project.dir])
    expect(again.run.status).toBe(0)
    expect(again.report.hasChanges).toBe(false)
    const mine = again.report.actions.filter((x) => x.pipeline === a || x.pipeline === b)
    expect(mine.map((x) => x.type)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])

    const redeploy = await project.pipe(['deploy', project.dir, '--yes'])
    expect(redeploy.status).toBe(0)
    expect(redeploy.stdout).toContain('no changes: ')
    expect(redeploy.stdout).toContain('nothing to deploy')
  })

  it('shows the deployed connectors in pipe status with their pipeline', async () => {
    const run = await project.pipe(['status'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^copy-a-${project.id}-source\\s+source\\s+RUNNING\\s+1/1 running\\s+copy-a-${project.id}$`, 'm'))
  })
})
