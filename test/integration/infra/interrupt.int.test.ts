// @servers
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { artifacts, isFetched, markerOf } from '../../infra/fetch.js'
import { repoRoot } from '../../infra/paths.js'
import { isAlive } from '../../infra/process.js'
import { waitFor } from '../../support/wait-for.js'

// GIVEN a test run that started its own Kafka broker, in an infra home of its own
// WHEN the run is interrupted with Ctrl-C (SIGINT to its whole process group, as a terminal does)
// THEN no server it started is left running
describe('test infrastructure', () => {
  const home = mkdtempSync(join(tmpdir(), 'pipe-interrupt-'))
  afterAll(() => { rmSync(home, { recursive: true, force: true }) })

  it('leaves no server running when a test run is interrupted with Ctrl-C', async () => {
    // share the already fetched Kafka jars instead of copying them
    const kafka = artifacts.find((artifact) => artifact.name === 'kafka')
    if (kafka === undefined || !isFetched(kafka)) throw new Error('kafka jars are missing: run `pnpm infra fetch`')
    mkdirSync(join(home, 'kafka'), { recursive: true })
    mkdirSync(join(home, '.fetched'), { recursive: true })
    symlinkSync(kafka.dir(), join(home, 'kafka', basename(kafka.dir())))
    writeFileSync(join(home, '.fetched', basename(markerOf(kafka))), readFileSync(markerOf(kafka)))

    const fixtures = join(repoRoot, 'test', 'fixtures', 'infra-interrupt')
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(fixtures, 'vitest.config.ts')], {
      cwd: repoRoot,
      detached: true,
      env: { ...process.env, PIPE_INFRA_HOME: home, PIPE_INFRA_TESTS_DIR: fixtures },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))

    await waitFor('the run to start kafka', () => Promise.resolve(output.includes('kafka ready') ? true : undefined), 90_000)
    const state = JSON.parse(readFileSync(join(home, 'run', 'kafka.json'), 'utf8')) as { pid: number }
    expect(isAlive(state.pid)).toBe(true)

    if (child.pid === undefined) throw new Error('no pid')
    process.kill(-child.pid, 'SIGINT')
    await exited
    await waitFor('the broker to stop', () => Promise.resolve(isAlive(state.pid) ? undefined : true), 30_000)
    expect(existsSync(join(home, 'run', 'kafka.json')) && isAlive(state.pid)).toBe(false)
  })
})
