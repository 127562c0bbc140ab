// @servers kafka connect
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPLOY_TARGETS, DeployProject, type DeployTargetKind } from './deploy-harness.js'

/** The first line of the failed task's trace: Kafka Connect's Java exception, or pipe's Node.js error. */
const FIRST_TRACE_LINE: Readonly<Record<DeployTargetKind, string>> = {
  'connect': "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file",
  'pipe': "RuntimeError: cannot write the file sink's file",
  'pipe-kafka': "RuntimeError: cannot write the file sink's file",
}

describe.each(DEPLOY_TARGETS)('pipe deploy when a task fails on $label', ({ kind }) => {
  const project = new DeployProject(kind)
  beforeAll(() => project.start())
  afterAll(() => project.cleanup())

  it('says which task FAILED with the first lines of its trace, exits 1, and restart --only-failed recovers it', async () => {
    // GIVEN a file sink whose folder does not exist: FileStreamSinkTask fails on start
    const name = `failing-${project.id}`
    project.fileCopy(name, { out: join(project.data, 'no', 'such', 'dir', 'out.txt') })

    const deploy = await project.pipe(['deploy', project.dir, '--yes'])

    expect(deploy.status).toBe(1)
    expect(deploy.stdout).toContain(`created ${name}-source, RUNNING`)
    expect(deploy.stdout).toContain(`created ${name}-sink, FAILED\n    task 0 FAILED:\n      ${FIRST_TRACE_LINE[kind]}`)
    expect(deploy.stdout).toContain(`not running: ${name}-sink (see \`pipe status <name>\`)`)
    const status = await project.pipe(['status', `${name}-sink`])
    expect(status.stdout).toMatch(/^ {2}task 0 FAILED on \S+\n {4}\S/m)
    expect(status.stdout).toContain(`\n    ${FIRST_TRACE_LINE[kind]}`)

    // AND restarting only the failed instances brings it back once the folder exists
    mkdirSync(join(project.data, 'no', 'such', 'dir'), { recursive: true })
    const restarted = await project.pipe(['restart', `${name}-sink`, '--include-tasks', '--only-failed'])
    expect(restarted.stderr).toBe('')
    expect(restarted.status).toBe(0)
    expect(restarted.stdout.replaceAll(/ on \S+\n/g, ' on <worker>\n')).toBe(`restarted ${name}-sink\n${name}-sink (sink) RUNNING on <worker>\n  task 0 RUNNING on <worker>\n`)
  })
})
