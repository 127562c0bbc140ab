// @servers kafka-secure
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readOffsetsFile } from '@pipe/runtime'
import { afterEach, describe, expect, it } from 'vitest'
import { servers, type KafkaSecureEndpoint } from '../../infra/servers.js'
import { runPipe } from '../../e2e/run-pipe.js'
import { sentinels } from '../../support/secure-kafka.js'
import { waitFor } from '../../support/wait-for.js'
import { getJson, send, type Status } from '../worker/distributed-workers.js'
import { freePort, startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/worker-properties')
const started: PipeWorker[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop().catch(() => undefined)))
})

/** A fixture as Apache Kafka ships it, with our broker, paths and names put in its values; returns its copy's path. */
function fixture(dir: string, name: string, replace: Readonly<Record<string, string>>, extra: readonly string[] = []): string {
  let text = readFileSync(join(FIXTURES, name), 'utf8')
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to)
  const file = join(dir, name)
  writeFileSync(file, `${text}\n${extra.join('\n')}\n`)
  return file
}

/** The secured broker, a folder, an id and a free port for one test. */
async function scene(prefix: string): Promise<{ secure: KafkaSecureEndpoint; dir: string; id: string; port: number }> {
  return { secure: servers().kafkaSecure, dir: mkdtempSync(join(tmpdir(), prefix)), id: randomUUID().slice(0, 8), port: await freePort() }
}

const lines = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `line ${String(from + i)}`).join('\n') + '\n'
const lineCount = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length : 0)

describe('pipe worker connect-standalone.properties connect-file-source.properties connect-file-sink.properties', () => {
  it('runs both connectors over SASL_SSL, and its source offsets survive a SIGKILL in offset.storage.file.filename', async () => {
    // GIVEN Kafka's sample files, pointed at the SASL_SSL listener (security keys unprefixed and with producer./consumer.) and a folder of ours
    const { secure, dir, id, port } = await scene('pipe-standalone-file-')
    const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="${secure.users.alice}";`
    const security = ['security.protocol=SASL_SSL', 'sasl.mechanism=SCRAM-SHA-512', `sasl.jaas.config=${jaas}`, 'ssl.truststore.type=PEM', `ssl.truststore.location=${join(secure.certs, 'ca.pem')}`]
    const worker = fixture(dir, 'connect-standalone.properties', { 'localhost:9092': secure.sasl, '/tmp/connect.offsets': join(dir, 'connect.offsets') },
      [`listeners=HTTP://127.0.0.1:${String(port)}`, ...security, ...security.map((l) => `producer.${l}`), ...security.map((l) => `consumer.${l}`)])
    const topic = `connect-test-${id}`
    const source = fixture(dir, 'connect-file-source.properties', { 'connect-test': topic, 'local-file-source': `local-file-source-${id}` })
    const sink = fixture(dir, 'connect-file-sink.properties', { 'connect-test': topic, 'local-file-sink': `local-file-sink-${id}` })
    writeFileSync(join(dir, 'test.txt'), lines(0, 1000))
    const url = `http://127.0.0.1:${String(port)}`
    // WHEN the worker runs the two connectors until the offsets file holds the end of test.txt, then is killed
    const first = await startPipeWorker([worker, source, sink], {}, { cwd: dir, url })
    started.push(first)
    const offsetsFile = join(dir, 'connect.offsets')
    const position = (): unknown => {
      if (!existsSync(offsetsFile)) return undefined
      const entries = readOffsetsFile(offsetsFile).map(([k, v]) => [k.toString(), v?.toString()])
      return entries.length === 1 && entries[0]?.[1] === `{"position":${String(readFileSync(join(dir, 'test.txt')).length)}}` ? entries : undefined
    }
    const flushed = await waitFor('the offsets file to hold the end of test.txt', () => Promise.resolve(position()), 60_000)
    expect(flushed).toEqual([[`["local-file-source-${id}",{"filename":"test.txt"}]`, '{"position":8890}']])
    await waitFor('the sink to write 1,000 lines', () => Promise.resolve(lineCount(join(dir, 'test.sink.txt')) >= 1000 ? true : undefined), 60_000)
    expect(first.output()).toContain('standalone, offsets in')
    await first.kill()
    // THEN after a restart the source goes on from the file's position: the topic holds each line once
    appendFileSync(join(dir, 'test.txt'), lines(1000, 500))
    const second = await startPipeWorker([worker, source, sink], {}, { cwd: dir, url })
    started.push(second)
    await waitFor('the sink to write all 1,500 lines', () => Promise.resolve(lineCount(join(dir, 'test.sink.txt')) >= 1500 ? true : undefined), 60_000)
    const consume = await runPipe(['consume', topic, '--from-beginning', '--timeout-ms', '3000', '--bootstrap-servers', secure.plaintext])
    expect(consume.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1500)
    const status = await getJson<Status>(`${url}/connectors/local-file-source-${id}/status`)
    expect(status.tasks[0]?.state).toBe('RUNNING')
    for (const sentinel of sentinels(secure)) expect(`${first.output()}${second.output()}${JSON.stringify(status)}`).not.toContain(sentinel)
  }, 240_000)
})

describe('pipe worker connect-distributed.properties', () => {
  it('joins the group of group.id with the storage topics of the file, is named by rest.advertised.*, and runs a connector created through REST', async () => {
    // GIVEN Kafka's sample file with our broker, a group and topics of this test, and a listener
    const { secure, dir, id, port } = await scene('pipe-distributed-file-')
    const worker = fixture(dir, 'connect-distributed.properties', {
      'localhost:9092': secure.plaintext, 'group.id=connect-cluster': `group.id=connect-cluster-${id}`,
      '=connect-offsets': `=connect-offsets-${id}`, '=connect-configs': `=connect-configs-${id}`, '=connect-status': `=connect-status-${id}`,
    }, [`listeners=http://127.0.0.1:${String(port)}`, 'rest.advertised.host.name=localhost', `rest.advertised.port=${String(port)}`])
    const url = `http://127.0.0.1:${String(port)}`
    // WHEN it starts and a FileStreamSource is created on it
    const w = await startPipeWorker([worker], {}, { cwd: dir, url })
    started.push(w)
    await waitFor('the worker to join its group', () => Promise.resolve(w.output().includes(`joined group connect-cluster-${id}`) ? true : undefined), 60_000)
    writeFileSync(join(dir, 'in.txt'), lines(0, 10))
    const name = `file-source-${id}`
    const config = { 'connector.class': 'FileStreamSource', file: join(dir, 'in.txt'), topic: `dist-file-${id}` }
    expect((await send('POST', `${url}/connectors`, { name, config })).status).toBe(201)
    // THEN the task runs, the records arrive, and the worker says which group and topics it uses, with no warning
    const status = await waitFor('the task RUNNING', async () => { const s = await getJson<Status>(`${url}/connectors/${name}/status`); return s.tasks[0]?.state === 'RUNNING' ? s : undefined }, 60_000)
    // rest.advertised.* name the worker
    expect(status.tasks[0]?.worker_id).toBe(`localhost:${String(port)}`)
    expect(w.output()).toContain(`distributed, group connect-cluster-${id}, topics connect-configs-${id}, connect-offsets-${id}, connect-status-${id}`)
    expect(w.output()).not.toContain('WARN')
    const consume = await runPipe(['consume', `dist-file-${id}`, '--from-beginning', '--max-messages', '10', '--bootstrap-servers', secure.plaintext])
    expect(consume.status, consume.stderr).toBe(0)
  }, 120_000)
})
