// @servers kafka connect
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeployProject } from './deploy-harness.js'

describe('pipe plan when a connector is renamed', () => {
  const project = new DeployProject()
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it('plans a delete and a create, flagged as starting without the old offsets', async () => {
    // GIVEN a deployed file-copy pipeline
    const name = `rename-${project.id}`
    project.fileCopy(name)
    expect((await project.pipe(['deploy', project.dir, '--yes'])).status).toBe(0)

    // WHEN its sink gets an explicit name, so its connector name changes
    project.fileCopy(name, { sinkName: 'archive' })
    const { run, report } = await project.json(['plan', project.dir, '--prune', '--prune-scope', name])

    // THEN the old connector is deleted and the new one created, both flagged as losing offsets
    expect(run.status).toBe(2)
    const mine = report.actions.filter((a) => a.pipeline === name)
    expect(mine.map((a) => [a.type, a.name, a.resetsOffsets])).toEqual([
      ['create', `${name}-archive`, true], ['delete', `${name}-sink`, true], ['unchanged', `${name}-source`, false],
    ])
    expect(mine[0]).toMatchObject({ renamedFrom: `${name}-sink` })
    const human = await project.pipe(['plan', project.dir, '--prune', '--prune-scope', name])
    expect(human.stdout).toContain(`note: renamed from '${name}-sink': a new connector, it starts without '${name}-sink''s offsets`)

    // AND without --prune the old one stays, as an orphan
    const plain = await project.json(['plan', project.dir])
    expect(plain.report.actions.find((a) => a.name === `${name}-sink`)?.type).toBe('orphan')
  })
})
