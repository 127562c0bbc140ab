// @servers kafka
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { linesOf } from '../deploy/deploy-harness.js'
import type { DistributedWorker } from './distributed-workers.js'
import { startDistributedWorker } from './distributed-workers.js'

const started: DistributedWorker[] = []
afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()))
})

describe('pipe deploy, plan, status and offsets against distributed pipe workers', () => {
  it('deploy on one worker; plan on the other shows no change; stop, alter a file source position, resume: it continues from there', async () => {
    const { bootstrapServers } = servers().kafka
    const id = randomUUID().slice(0, 8)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-dist-deploy-'))
    mkdirSync(join(dir, 'data'))
    const [input, output] = [join(dir, 'data', 'in.txt'), join(dir, 'data', 'out.txt')]
    writeFileSync(input, 'one\ntwo\nthree\n')
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(repoRoot, 'tsconfig.base.json'), compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false }, include: ['*.ts'] }))
    const pipeline = `dcopy-${id}`
    const text = readFileSync(join(repoRoot, 'pipelines', 'file-copy.ts'), 'utf8')
      .replace("'data/input.txt'", `'${input}'`).replace("'build/output.txt'", `'${output}'`).replace("topic('lines'", `topic('${pipeline}-lines'`)
    expect(text).toContain(input)
    writeFileSync(join(dir, `${pipeline}.ts`), text)
    const a = await startDistributedWorker(`pipe-deploy-${id}`, bootstrapServers)
    const b = await startDistributedWorker(`pipe-deploy-${id}`, bootstrapServers)
    started.push(a, b)
    const pipe = (worker: DistributedWorker, ...args: string[]): ReturnType<typeof runPipe> => runPipe([...args, '--connect', worker.url])

    const deployed = await pipe(a, 'deploy', dir, '--yes')
    expect(deployed.status, deployed.stderr).toBe(0)
    expect(await linesOf(output, 3)).toEqual(['one', 'two', 'three'])
    const plan = await pipe(b, 'plan', dir)
    expect(plan.status, plan.stdout).toBe(0)
    expect(plan.stdout).toContain('no changes: 2 unchanged')

    const source = `${pipeline}-source`
    expect((await pipe(b, 'stop', source)).status).toBe(0)
    const altered = await pipe(a, 'offsets', 'alter', source, '--partition', JSON.stringify({ filename: input }), '--offset', JSON.stringify({ position: 4 }))
    expect(altered.status, altered.stderr).toBe(0)
    expect((await pipe(b, 'resume', source)).status).toBe(0)
    // 'one\n' is 4 bytes: the source reads 'two' and 'three' again
    expect(await linesOf(output, 5)).toEqual(['one', 'two', 'three', 'two', 'three'])
    const status = await pipe(a, 'status')
    expect(status.stdout).toMatch(new RegExp(`^${source}\\s+source\\s+RUNNING\\s+1/1 running`, 'm'))
  }, 180_000)
})
