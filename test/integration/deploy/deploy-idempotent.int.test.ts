// @servers kafka connect
import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPLOY_TARGETS, DeployProject, linesOf } from './deploy-harness.js'

describe.each(DEPLOY_TARGETS)('pipe deploy on $label', ({ kind }) => {
  const project = new DeployProject(kind)
  beforeAll(() => project.start())
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

  it('shows the deployed connectors in pipe status with their pipeline, as text and as JSON', async () => {
    const run = await project.pipe(['status'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^copy-a-${project.id}-source\\s+source\\s+RUNNING\\s+1/1 running\\s+copy-a-${project.id}$`, 'm'))
    const json = await project.pipe(['status', '--json'])
    const listed = (JSON.parse(json.stdout) as { connectors: { name: string; pipeline?: string; status?: unknown }[] }).connectors
    expect(listed.find((c) => c.name === `copy-b-${project.id}-sink`)).toEqual({
      name: `copy-b-${project.id}-sink`, pipeline: `copy-b-${project.id}`,
      status: { name: `copy-b-${project.id}-sink`, type: 'sink', state: 'RUNNING', workerId: expect.any(String) as unknown, tasks: [{ id: 0, state: 'RUNNING', workerId: expect.any(String) as unknown }] },
    })
  })

  it('pauses, resumes and restarts a connector with its tasks, and the pipeline keeps copying', async () => {
    const b = `copy-b-${project.id}`
    const paused = await project.pipe(['pause', `${b}-source`])
    expect(paused.stdout.replaceAll(/ on \S+\n/g, ' on <worker>\n')).toBe(`paused ${b}-source\n${b}-source (source) PAUSED on <worker>\n  task 0 PAUSED on <worker>\n`)
    const one = JSON.parse((await project.pipe(['status', `${b}-source`, '--json'])).stdout) as { connector: { state: string; tasks: { state: string }[] } }
    expect(one.connector).toMatchObject({ state: 'PAUSED', tasks: [{ state: 'PAUSED' }] })
    const resumed = await project.pipe(['resume', `${b}-source`])
    expect(resumed.status).toBe(0)
    expect(resumed.stdout).toContain(`${b}-source (source) RUNNING`)
    const restarted = await project.pipe(['restart', `${b}-sink`, '--include-tasks'])
    expect(restarted.stderr).toBe('')
    expect(restarted.stdout.replaceAll(/ on \S+\n/g, ' on <worker>\n')).toBe(`restarted ${b}-sink\n${b}-sink (sink) RUNNING on <worker>\n  task 0 RUNNING on <worker>\n`)
    // a line appended now is copied: resumed and restarted connectors run
    appendFileSync(join(project.data, `${b}-in.txt`), 'five\n')
    expect(await linesOf(join(project.data, `${b}-out.txt`), 2)).toEqual(['four', 'five'])
  })
})
