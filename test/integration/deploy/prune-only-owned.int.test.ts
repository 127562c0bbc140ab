// @servers kafka connect
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectRequest } from '../../support/connect-rest.js'
import { DEPLOY_TARGETS, DeployProject } from './deploy-harness.js'

describe.each(DEPLOY_TARGETS)('pipe deploy --prune on $label', ({ kind }) => {
  const project = new DeployProject(kind)
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it("deletes the connectors of a removed pipeline, and nothing else (not a connector pipe did not deploy)", async () => {
    // GIVEN a connector made by hand (no pipe ownership key) and two deployed pipelines
    const hand = `hand-made-${project.id}-source`
    project.created.add(hand)
    const made = await connectRequest(project.url, 'POST', '/connectors', {
      name: hand,
      config: { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file: join(project.data, 'hand.txt'), topic: `hand-${project.id}` },
    })
    expect(made.status).toBe(201)
    const kept = `kept-${project.id}`
    const removed = `removed-${project.id}`
    project.fileCopy(kept)
    project.fileCopy(removed)
    expect((await project.pipe(['deploy', project.dir, '--yes'])).status).toBe(0)

    // WHEN one pipeline file is removed
    project.remove(`${removed}.ts`)

    // THEN without --prune its connectors are orphans that deploy leaves alone
    const plain = await project.json(['plan', project.dir])
    const types = (report: typeof plain.report): Record<string, string> =>
      Object.fromEntries(report.actions.filter((a) => a.name.includes(project.id)).map((a) => [a.name, a.type]))
    expect(types(plain.report)).toEqual({
      [`${kept}-sink`]: 'unchanged', [`${kept}-source`]: 'unchanged',
      [`${removed}-sink`]: 'orphan', [`${removed}-source`]: 'orphan', [hand]: 'unmanaged',
    })
    expect(plain.run.status).toBe(0)

    // AND with --prune (planned over the whole worker) only pipe-owned connectors are delete candidates
    const pruning = await project.json(['plan', project.dir, '--prune'])
    expect(types(pruning.report)[`${removed}-sink`]).toBe('delete')
    expect(pruning.report.actions.filter((a) => a.type === 'delete').every((a) => a.pipeline !== undefined)).toBe(true)
    expect(types(pruning.report)[hand]).toBe('unmanaged')

    // WHEN deploying with --prune (scoped to this test's pipelines: other runs may share the worker)
    const pruned = await project.json(['deploy', project.dir, '--prune', '--prune-scope', `*-${project.id}`, '--yes'])
    expect(pruned.run.status).toBe(0)
    expect(pruned.report.applied?.map((a) => [a.name, a.action]).sort()).toEqual([[`${removed}-sink`, 'deleted'], [`${removed}-source`, 'deleted']])

    // THEN the removed pipeline's connectors are gone; the kept ones and the hand-made one remain
    expect(await project.exists(`${removed}-sink`)).toBe(false)
    expect(await project.exists(`${removed}-source`)).toBe(false)
    expect(await project.exists(`${kept}-sink`)).toBe(true)
    expect(await project.exists(`${kept}-source`)).toBe(true)
    expect(await project.exists(hand)).toBe(true)
    expect((await project.pipe(['plan', project.dir, '--prune', '--prune-scope', `*-${project.id}`])).status).toBe(0)
  })
})
