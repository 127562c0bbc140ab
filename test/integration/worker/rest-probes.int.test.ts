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

const ROLES = ['src', 'stp', 'bad', 'put', 'psd']
const workers: PipeWorker[] = []
const realTargets: ProbeTarget[] = []

afterAll(async () => {
  // best effort, bounded: a Kafka Connect worker in a rebalance can hold a DELETE for its 90 s request timeout
  const deletes = realTargets.flatMap((real) => ROLES.map((role) =>
    fetch(`${real.url}/connectors/${real.vars[role] ?? ''}`, { method: 'DELETE', signal: AbortSignal.timeout(20_000) }).catch(() => undefined)))
  await Promise.all(deletes)
  const codes = await Promise.all(workers.map((w) => w.stop()))
  expect(codes).toEqual(workers.map(() => 0))
}, 120_000)

/** Sends every probe to Kafka Connect and to a pipe worker started with `args`; returns what differs. */
async function compareWith(label: string, args: readonly string[]): Promise<{ mismatches: string[]; table: string[] }> {
  const worker = await startPipeWorker(args)
  workers.push(worker)
  const real = await targetFor(`connect${label}`, servers().connect.url)
  realTargets.push(real)
  const pipe = await targetFor(`pipe${label}`, worker.url)
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
  return { mismatches, table }
}

describe('the Kafka Connect REST API of pipe worker', () => {
  it('has at least 40 probes, good and bad', () => {
    expect(PROBES.length).toBeGreaterThanOrEqual(40)
    expect(PROBES.filter((p) => p.status >= 400).length).toBeGreaterThanOrEqual(20)
  })

  it('answers every probe with the status and JSON shape of Apache Kafka Connect (embedded store)', async () => {
    const { mismatches, table } = await compareWith('e', [])
    expect(mismatches, `Kafka Connect status, pipe status, request, answers:\n${table.join('\n')}`).toEqual([])
  }, 300_000)

  it('answers every probe with the status and JSON shape of Apache Kafka Connect (offsets on Kafka)', async () => {
    const { mismatches, table } = await compareWith('k', ['--bootstrap-servers', servers().kafka.bootstrapServers])
    expect(mismatches, `Kafka Connect status, pipe status, request, answers:\n${table.join('\n')}`).toEqual([])
  }, 300_000)
})
