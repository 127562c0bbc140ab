import { describe, expect, it } from 'vitest'
import { rawTextLines } from '../converters/raw-text.js'
import { defaultRegistry } from '../plugins/default-registry.js'
import type { SinkRecord } from '../records/connect-record.js'
import type { SinkConnector } from '../tasks/sink-task.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'
import { createRecordCodec } from './record-codec.js'
import { until } from './test-until.js'

const STRING = 'org.apache.kafka.connect.storage.StringConverter'

/** Delivers `values` on topic t to a capturing sink task; `writesRawText` as given. */
async function deliver(values: readonly (string | null)[], writesRawText: boolean, config: Record<string, string> = {}): Promise<SinkRecord[]> {
  const got: SinkRecord[] = []
  const capture: SinkConnector = {
    type: 'sink',
    taskConfigs: (c) => [c],
    createTask: () => ({
      ...(writesRawText ? { writesRawText } : {}),
      start: () => Promise.resolve(),
      put: (records) => { got.push(...records); return Promise.resolve() },
      flush: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    }),
  }
  const backend = createMemoryTopicBackend(1)
  await backend.produce(values.map((v) => ({ topic: 't', partition: 0, key: Buffer.from('k'), value: v === null ? null : Buffer.from(v), headers: [{ key: 'h', value: Buffer.from('1') }], timestamp: 7 })))
  const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { Capture: capture } }) })
  await engine.start([{ name: 'snk', config: { 'connector.class': 'Capture', topics: 't', 'key.converter': STRING, 'value.converter': STRING, ...config } }])
  await until(() => got.length === values.length, 3000)
  await engine.stop()
  return got
}

const fields = (r: SinkRecord): Record<string, unknown> => ({
  topic: r.topic, kafkaPartition: r.kafkaPartition, kafkaOffset: r.kafkaOffset, key: r.key, keySchema: r.keySchema, value: r.value, valueSchema: r.valueSchema,
  timestamp: r.timestamp, headers: r.headers, originalTopic: r.originalTopic, originalKafkaPartition: r.originalKafkaPartition, originalKafkaOffset: r.originalKafkaOffset,
})

describe('records a sink task writes as their bytes', () => {
  it('read as the decoded records, carry the topic bytes, and are not decoded on delivery', async () => {
    const values = ['plain', 'ünï €', null]
    const lazy = await deliver(values, true)
    const eager = await deliver(values, false)
    // every field a task reads is what the decoding sink path gives
    expect(lazy.map(fields)).toEqual(eager.map(fields))
    expect(lazy.map((r) => r.value)).toEqual(values)
    // the bytes written are the topic's, as they are
    expect(rawTextLines(lazy.slice(0, 2))?.toString('utf8')).toBe('plain\nünï €\n')
    // a task that writes the bytes gets values not yet turned into strings; any other task plain decoded records
    expect(Object.getOwnPropertyDescriptor(lazy[0] ?? {}, 'value')).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(eager[0] ?? {}, 'value')?.value).toBe('plain')
  })

  it('are decoded as before when an SMT runs', async () => {
    const [record] = await deliver(['v'], true, { transforms: 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': 't', 'transforms.route.replacement': 'u' })
    expect(record?.topic).toBe('u')
    expect(Object.getOwnPropertyDescriptor(record ?? {}, 'value')?.value).toBe('v')
  })
})

describe('RecordCodec.decodeRawText', () => {
  it('decodes the value when it is first read, once', () => {
    const codec = createRecordCodec({ 'connector.class': 'x', 'value.converter': STRING, 'key.converter': STRING })
    const bytes = Buffer.from('before')
    const record = codec.decodeRawText({ topic: 't', partition: 0, offset: 3, key: null, value: bytes, headers: [], timestamp: 1 })
    // not decoded yet: what the bytes hold when it is read is what it reads
    bytes.write('after!')
    expect(record.value).toBe('after!')
    bytes.write('again!')
    expect(record.value).toBe('after!')
    expect(record.valueSchema).toEqual(codec.decode({ topic: 't', partition: 0, offset: 3, key: null, value: bytes, headers: [], timestamp: 1 }).valueSchema)
  })
})
