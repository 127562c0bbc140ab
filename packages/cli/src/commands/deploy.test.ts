import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createFakeConnect, running } from '../deploy/fake-connect-client.fixture.js'
import { createMemoryIoHost } from '../report/io-host.js'
import { runDeploy, type Prompter } from './deploy.js'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..')
const fileCopy = ['pipelines/file-copy.ts']

function setup(prompter: Prompter): { connect: ReturnType<typeof createFakeConnect>; deploy: (options: Record<string, boolean>) => ReturnType<typeof runDeploy>; io: ReturnType<typeof createMemoryIoHost> } {
  const connect = createFakeConnect()
  for (const name of ['file-copy-source', 'file-copy-sink']) connect.statuses.set(name, [running(name)])
  const io = createMemoryIoHost()
  const deploy = (options: Record<string, boolean>): ReturnType<typeof runDeploy> =>
    runDeploy(fileCopy, options, io, repo, { client: connect, prompter })
  return { connect, deploy, io }
}

const noTerminal: Prompter = { canAsk: () => false, confirm: () => Promise.reject(new Error('must not ask')) }
const answering = (answer: boolean): Prompter => ({ canAsk: () => true, confirm: () => Promise.resolve(answer) })

describe('pipe deploy', () => {
  it('prints the plan and refuses to apply without --yes when it cannot ask', async () => {
    const { connect, deploy, io } = setup(noTerminal)
    expect(await deploy({})).toBe(1)
    expect(io.stdout).toContain('+ create file-copy-source (pipeline file-copy)')
    expect(io.stderr).toBe('pipe deploy: error PIPE_DEPLOY_NOT_CONFIRMED: refusing to deploy without confirmation (not on a terminal); fix: pass --yes to apply the plan shown above\n')
    expect(connect.calls).toEqual([])
  })

  it('applies nothing when the user declines on a terminal', async () => {
    const { connect, deploy, io } = setup(answering(false))
    expect(await deploy({})).toBe(1)
    expect(io.stderr).toContain('deploy cancelled: nothing was applied')
    expect(connect.calls).toEqual([])
  })

  it('applies after a yes, and a second deploy has nothing to do', async () => {
    const { connect, deploy, io } = setup(answering(true))
    expect(await deploy({})).toBe(0)
    expect(connect.calls.sort()).toEqual(['PUT file-copy-sink', 'PUT file-copy-source'])
    expect(io.stdout).toContain('deployed: 2 created, 0 updated, 0 deleted\n')
    expect(await deploy({ yes: true })).toBe(0)
    expect(io.stdout).toMatch(/no changes: 2 unchanged\nnothing to deploy\n$/)
    expect(connect.calls).toHaveLength(2)
  })

  it('applies nothing when the worker lacks a plugin, and says which', async () => {
    const { connect, deploy, io } = setup(noTerminal)
    connect.plugins.splice(1)
    expect(await deploy({ yes: true })).toBe(1)
    expect(io.stdout).toContain("note: the worker has no connector plugin 'org.apache.kafka.connect.file.FileStreamSinkConnector': deploying it fails")
    expect(io.stderr).toContain("error PIPE_CONNECT_PLUGIN_MISSING: the worker has no connector plugin 'org.apache.kafka.connect.file.FileStreamSinkConnector' (connector 'file-copy-sink'): nothing was applied")
    expect(connect.calls).toEqual([])
  })
})
