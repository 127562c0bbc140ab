// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { readTopic } from '../../support/read-topic.js'
import { waitFor } from '../../support/wait-for.js'

// JSON values at the edges (NaN, the infinities, -0.0, longs beyond 64 bits, a __proto__ key, text after
// the first value, an empty value, a BOM), run
// through Apache Kafka Connect and through pipe with the same connector configs: same bytes, same lines.
const run = `je${randomUUID().slice(0, 6)}`
const dir = mkdtempSync(join(tmpdir(), 'pipe-json-edges-'))
const input = join(dir, 'doubles.txt')
const LINES = ['NaN', '1e400', '-Infinity', '2.5', '-0.0', '7']
const RAW = ['{"g":1e400}', '{"__proto__":{"polluted":1},"constructor":5}', '{"c":-0.0,"t":-1E-400}', '{"id":12345678901234567890,"a":1.0,"b":1e2}', '{"a":1} x', '', '\uFEFF[2.0]']
const ENGINES = ['connect', 'pipe'] as const
type Engine = (typeof ENGINES)[number]
const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter'
const converters = (schemas: boolean): Record<string, string> => ({
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': JSON_CONVERTER, 'value.converter.schemas.enable': String(schemas),
})

/** FileStreamSource -> Cast$Value float64 -> JsonConverter: a double per line, as Double.parseDouble reads it. */
const sourceConfig = (topic: string, schemas: boolean): Record<string, string> => ({
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', file: input, topic, ...converters(schemas),
  transforms: 'c', 'transforms.c.type': 'org.apache.kafka.connect.transforms.Cast$Value', 'transforms.c.spec': 'float64',
})
const sinkConfig = (topic: string, file: string): Record<string, string> => ({
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', topics: topic, file, ...converters(false),
})
const doubles = (engine: Engine, schemas: boolean): string => `${run}-${engine}-doubles-${schemas ? 'env' : 'plain'}`
const lines = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0)
const connectNames: string[] = []

afterAll(async () => {
  await Promise.all(connectNames.map((n) => connectRequest(servers().connect.url, 'DELETE', `/connectors/${n}`).catch(() => undefined)))
}, 60_000)

async function produceRaw(topic: string): Promise<void> {
  const kafka = new Kafka({ brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: RAW.map((value) => ({ key: 'k', value, partition: 0 })) })
  await producer.disconnect()
}

describe('JSON values at the edges, pipe and Kafka Connect side by side', () => {
  it('writes NaN and the infinities as Kafka Connect does, and reads edge values into the same records', async () => {
    writeFileSync(input, `${LINES.join('\n')}\n`)
    await produceRaw(`${run}-raw`)
    const { url } = servers().connect
    const connectors = (engine: Engine): { name: string; config: Record<string, string> }[] => [
      { name: `${run}-${engine}-src-plain`, config: sourceConfig(doubles(engine, false), false) },
      { name: `${run}-${engine}-src-env`, config: sourceConfig(doubles(engine, true), true) },
      // the raw edge values, and the doubles topic the other engine wrote: each engine reads what the other writes
      { name: `${run}-${engine}-raw`, config: sinkConfig(`${run}-raw`, join(dir, `${engine}-raw.txt`)) },
      { name: `${run}-${engine}-cross`, config: sinkConfig(doubles(engine === 'pipe' ? 'connect' : 'pipe', false), join(dir, `${engine}-cross.txt`)) },
    ]
    for (const c of connectors('connect')) {
      connectNames.push(c.name)
      const created = await connectRequest(url, 'POST', '/connectors', c)
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    }
    const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: servers().kafka.bootstrapServers }), offsetsTopic: `${run}-offsets` })
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start(connectors('pipe'))
    try {
      // THEN the doubles topics hold the same bytes
      const brokers = servers().kafka.brokers
      for (const schemas of [false, true]) {
        const [real, pipe] = await Promise.all(ENGINES.map((e) => readTopic(brokers, doubles(e, schemas), LINES.length)))
        expect(real?.map((r) => r.value)).toContain(schemas ? '{"schema":{"type":"double","optional":false},"payload":"NaN"}' : '"NaN"')
        expect(pipe?.map((r) => r.value)).toEqual(real?.map((r) => r.value))
      }
      // AND every sink wrote the same lines, none of them failed
      const files = ['raw', 'cross'].flatMap((kind) => ENGINES.map((e) => join(dir, `${e}-${kind}.txt`)))
      await waitFor('every sink to write its lines', () => Promise.resolve(files.every((f) => lines(f) >= (f.endsWith('raw.txt') ? RAW.length : LINES.length)) || undefined), 90_000)
      for (const kind of ['raw', 'cross']) {
        expect(readFileSync(join(dir, `pipe-${kind}.txt`), 'utf8'), kind).toBe(readFileSync(join(dir, `connect-${kind}.txt`), 'utf8'))
      }
      expect(readFileSync(join(dir, 'connect-raw.txt'), 'utf8')).toContain('{__proto__={polluted=1}, constructor=5}')
      for (const c of connectors('pipe')) expect(engine.status(c.name).tasks.map((t) => t.state), c.name).toEqual(['RUNNING'])
    } finally {
      await engine.stop()
      await backend.close()
    }
  }, 150_000)
})
