// @servers kafka connect
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { PROBES } from '../../conformance/rest-api/probes.js'
import { compareAnswers, connectVersion, sendProbe, type ProbeTarget } from '../../conformance/rest-api/run-probes.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const run = Date.now().toString(36)
const brief = (body: unknown): string => (body === undefined ? '' : JSON.stringify(body).slice(0, 150))
const ROLES = ['src', 'stp', 'bad', 'put', 'psd']

async function targetFor(label: string, url: string): Promise<ProbeTarget> {
  const dir = await mkdtemp(join(tmpdir(), `pipe-probe-${label}-`))
  const input = join(dir, 'in.txt')
  await writeFile(input, 'one\ntwo\nthree\n')
  const name = (role: string): string => `probe-${label}-${run}-${role}`
  return {
    label, url,
    vars: { src: name('src'), stp: name('stp'), bad: name('bad'), put: name('put'), psd: name('psd'), missing: name('missing'), in: input, dir, logger: `org.pipe.probe.${label}${run}` },
  }
}

let worker: PipeWorker | undefined
let real: ProbeTarget | undefined

afterAll(async () => {
  const deletes = ROLES.map((role) => fetch(`${real?.url ?? ''}/connectors/${real?.vars[role] ?? ''}`, { method: 'DELETE', signal: AbortSignal.timeout(20_000) }).catch(() => undefined))
  await Promise.all(deletes)
  expect(await worker?.stop()).toBe(0)
}, 120_000)

describe('the Kafka Connect REST API of a distributed pipe worker', () => {
  it('answers every probe with the status and JSON shape of Apache Kafka Connect', async () => {
    worker = await startPipeWorker(['--group-id', `pipe-probes-${run}`, '--bootstrap-servers', servers().kafka.bootstrapServers])
    real = await targetFor('connectd', servers().connect.url)
    const pipe = await targetFor('piped', worker.url)
    const mismatches: string[] = []
    const table: string[] = []
    const version = await connectVersion(real.url)
  for (const probe of PROBES) {
      const realAnswer = await sendProbe(real, probe)
      const pipeAnswer = await sendProbe(pipe, probe)
      const problems = compareAnswers(probe, { target: real, answer: realAnswer }, { target: pipe, answer: pipeAnswer }, version)
      table.push(`${String(realAnswer.status)} ${String(pipeAnswer.status)} ${problems.length === 0 ? 'same' : 'DIFF'} ${probe.method} ${probe.path}  ${brief(realAnswer.body)} || ${brief(pipeAnswer.body)}`)
      for (const p of problems) mismatches.push(`${probe.method} ${probe.path} (${probe.title}): ${p}`)
    }
    expect(mismatches, `Kafka Connect status, pipe status, request, answers:\n${table.join('\n')}`).toEqual([])
  }, 300_000)
})
