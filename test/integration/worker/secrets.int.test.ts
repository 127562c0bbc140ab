// @servers
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const SECRET = `s3cret-${Date.now().toString(36)}-value`
let worker: PipeWorker | undefined

afterAll(async () => { await worker?.stop() })

async function get(url: string): Promise<string> {
  const response = await fetch(url)
  return `${String(response.status)} ${await response.text()}`
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 30_000
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('pipe worker and secrets', () => {
  it('resolves ${env:PIPE_PROBE_SECRET} for the engine but shows it in no answer, status or log line', async () => {
    // GIVEN a source -> topic -> sink whose output file name holds the secret (so the engine must resolve it),
    // and a sink whose task fails on a path holding the secret (so its trace would show it)
    const dir = await mkdtemp(join(tmpdir(), 'pipe-secrets-'))
    await writeFile(join(dir, 'in.txt'), 'a\nb\n')
    const out = join(dir, 'out-${env:PIPE_PROBE_SECRET}.txt')
    const sinkFile = join(dir, 'sink.json')
    await writeFile(sinkFile, JSON.stringify({ name: 'sec-sink', config: { 'connector.class': 'FileStreamSink', topics: 'sec-t', file: out, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' } }))
    worker = await startPipeWorker([sinkFile], { PIPE_PROBE_SECRET: SECRET })
    const w = worker
    const post = (body: unknown): Promise<Response> => fetch(`${w.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post({ name: 'sec-src', config: { 'connector.class': 'FileStreamSource', file: join(dir, 'in.txt'), topic: 'sec-t', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter', 'x.token': '${env:PIPE_PROBE_SECRET}' } })).status).toBe(201)
    expect((await post({ name: 'sec-bad', config: { 'connector.class': 'FileStreamSink', topics: 'sec-t', file: join(dir, 'no-dir-${env:PIPE_PROBE_SECRET}', 'out.txt') } })).status).toBe(201)

    // WHEN the records arrived under the resolved name and the bad sink failed
    const resolved = join(dir, `out-${SECRET}.txt`)
    await until(async () => existsSync(resolved) && (await readFile(resolved, 'utf8')) === 'a\nb\n')
    await until(async () => (await get(`${w.url}/connectors/sec-bad/status`)).includes('FAILED'))

    // THEN no answer and no log line holds the secret, while the placeholders are shown as given
    const paths = ['/connectors?expand=status&expand=info', '/connectors/sec-src', '/connectors/sec-src/config', '/connectors/sec-src/tasks', '/connectors/sec-src/status',
      '/connectors/sec-sink/status', '/connectors/sec-sink/tasks', '/connectors/sec-bad/status', '/connectors/sec-bad/tasks/0/status', '/connectors/sec-src/offsets']
    const answers = await Promise.all(paths.map((p) => get(`${w.url}${p}`)))
    const validate = await fetch(`${w.url}/connector-plugins/FileStreamSink/config/validate`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ 'connector.class': 'FileStreamSink', topics: 't', file: '${env:PIPE_PROBE_SECRET}' }) })
    answers.push(await validate.text())
    expect(answers.join('\n')).toContain('${env:PIPE_PROBE_SECRET}')
    expect(answers.join('\n')).toContain('FAILED')
    for (const answer of answers) expect(answer).not.toContain(SECRET)
    expect(await worker.stop()).toBe(0)
    expect(worker.output()).toMatch(/connector sec-bad task 0 is FAILED: .*\[hidden\]/)
    expect(worker.output()).not.toContain(SECRET)
  })
})
