// @servers kafka connect
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPLOY_TARGETS, DeployProject } from './deploy-harness.js'

describe.each(DEPLOY_TARGETS)('pipe plan after one option changed on $label', ({ kind }) => {
  const project = new DeployProject(kind)
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it('shows exactly the changed key, and deploying it leaves nothing to do', async () => {
    // GIVEN a deployed file-copy pipeline
    const name = `one-key-${project.id}`
    project.fileCopy(name)
    expect((await project.pipe(['deploy', project.dir, '--yes'])).status).toBe(0)

    // WHEN the sink's file option changes
    const moved = join(project.data, 'moved.txt')
    project.fileCopy(name, { out: moved })
    const { run, report } = await project.json(['plan', project.dir])

    // THEN the plan has one update with exactly that key, and the source is unchanged
    expect(run.status).toBe(2)
    const mine = report.actions.filter((a) => a.pipeline === name)
    expect(mine.map((a) => [a.type, a.name])).toEqual([['update', `${name}-sink`], ['unchanged', `${name}-source`]])
    expect(mine[0]?.changes).toEqual([{ key: 'file', from: join(project.data, `${name}-out.txt`), to: moved }])
    expect(mine[0]?.resetsOffsets).toBe(false)
    expect(report.summary).toMatchObject({ create: 0, update: 1, delete: 0 })

    // AND the human plan says the same, with the update restarting the sink's tasks
    const human = await project.pipe(['plan', project.dir])
    expect(human.stdout).toContain(`~ update ${name}-sink (pipeline ${name}, RUNNING): restarts its tasks\n    ~ file: ${JSON.stringify(join(project.data, `${name}-out.txt`))} -> ${JSON.stringify(moved)}\n`)
    expect(human.stdout).toMatch(/^0 to create, 1 to update, 0 to delete, \d+ unchanged/m)

    // AND after deploying the change, the plan is clean again
    const deployed = await project.json(['deploy', project.dir, '--yes'])
    expect(deployed.report.applied?.map((a) => [a.name, a.action, a.state])).toEqual([[`${name}-sink`, 'updated', 'RUNNING']])
    expect((await project.pipe(['plan', project.dir])).status).toBe(0)
  })
})
