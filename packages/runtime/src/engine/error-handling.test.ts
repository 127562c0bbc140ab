import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { RetriableError } from '../errors.js'
import type { SinkRecord } from '../records/connect-record.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

const text = (b: Uint8Array | null): string => Buffer.from(b ?? []).toString()

async function seeded(values: readonly string[]): Promise<ReturnType<typeof createMemoryTopicBackend>> {
  const backend = createMemoryTopicBackend()
  await backend.produce(values.map((v) => ({ topic: 'in', partition: 0, key: null, value: Buffer.from(v), headers: [], timestamp: 1 })))
  return backend
}

function collectingRegistry(received: SinkRecord[], failPuts = 0) {
  let failures = failPuts
  return defaultRegistry({ writer: { write: () => undefined } }).with({
    connectors: {
      'test:collect': {
        type: 'sink',
        taskConfigs: (c) => [c],
        createTask: () => ({
          start: () => Promise.resolve(),
          put: (records) => (failures-- > 0 ? Promise.reject(new RetriableError('sink down')) : Promise.resolve(void received.push(...records))),
          flush: () => Promise.resolve(),
          stop: () => Promise.resolve(),
        }),
      },
    },
  })
}

const SINK = { 'connector.class': 'test:collect', topics: 'in', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false' }

describe('error policy', () => {
  it('sends poison records to the dead-letter topic with context headers when tolerance is all', async () => {
    const backend = await seeded(['{"a":1}', 'not json', '{"a":2}'])
    const received: SinkRecord[] = []
    const engine = createEngine({ backend, registry: collectingRegistry(received) })
    await engine.start([{ name: 'snk', config: { ...SINK, 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': 'dlq', 'errors.deadletterqueue.context.headers.enable': 'true' } }])
    await until(() => received.length === 2 && backend.messages('dlq').length === 1)
    await engine.stop()
    const dead = backend.messages('dlq')[0]
    expect(text(dead?.value ?? null)).toBe('not json')
    const headers = Object.fromEntries((dead?.headers ?? []).map((h) => [h.key, text(h.value)]))
    expect(headers).toMatchObject({
      '__connect.errors.topic': 'in', '__connect.errors.partition': '0', '__connect.errors.offset': '1',
      '__connect.errors.connector.name': 'snk', '__connect.errors.task.id': '0', '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.class.name': 'org.apache.kafka.connect.json.JsonConverter',
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
    })
    expect(headers['__connect.errors.exception.message']).toMatch(/Converting byte\[\] to Kafka Connect data failed/)
  })

  it('fails the task with a trace naming the cause when tolerance is none', async () => {
    const backend = await seeded(['{"a":1}', 'not json'])
    const engine = createEngine({ backend, registry: collectingRegistry([]) })
    await engine.start([{ name: 'snk', config: SINK }])
    await until(() => engine.status('snk').tasks[0]?.state === 'FAILED')
    expect(engine.status('snk').tasks[0]?.trace).toMatch(/Tolerance exceeded in error handler: Error encountered in stage VALUE_CONVERTER/)
    await engine.stop()
  })

  it('names the record (topic, partition, offset) and the cause of a converter error in the first line', async () => {
    const backend = await seeded(['{"a":1}', '{"a":1}', '{"double_qty":NaN}'])
    const engine = createEngine({ backend, registry: collectingRegistry([]) })
    await engine.start([{ name: 'snk', config: SINK }])
    await until(() => engine.status('snk').tasks[0]?.state === 'FAILED')
    expect(engine.status('snk').tasks[0]?.trace?.split('\n')[0]).toBe(
      'RuntimeError: Tolerance exceeded in error handler: Error encountered in stage VALUE_CONVERTER executing class org.apache.kafka.connect.json.JsonConverter, ' +
        "where consumed record is {topic='in', partition=0, offset=2}: Converting byte[] to Kafka Connect data failed due to serialization error: " +
        "invalid JSON: NaN and Infinity are not JSON numbers (found 'N') at line 1, column 15",
    )
    await engine.stop()
  })

  it('retries a retriable put (a sink outage) until it succeeds, counting retries, and loses nothing', async () => {
    const backend = await seeded(['1', '2'])
    const received: SinkRecord[] = []
    const engine = createEngine({ backend, registry: collectingRegistry(received, 3) })
    // like Kafka Connect, a RetriableException from put is retried whatever errors.retry.timeout says
    await engine.start([{ name: 'snk', config: { ...SINK, 'errors.retry.delay.max.ms': '20' } }])
    await until(() => received.length === 2)
    expect(engine.metrics('snk')[0]?.retries).toBe(3)
    expect(engine.status('snk').tasks[0]?.state).toBe('RUNNING')
    await engine.stop()
    expect(received.map((r) => r.value)).toEqual([1, 2])
  })

  it('restarts a failed task', async () => {
    const backend = await seeded(['bad'])
    const engine = createEngine({ backend, registry: collectingRegistry([]) })
    await engine.start([{ name: 'snk', config: SINK }])
    await until(() => engine.status('snk').tasks[0]?.state === 'FAILED')
    const restarted = engine.restart('snk', { includeTasks: true, onlyFailed: true })
    expect(engine.status('snk').tasks[0]?.state).toBe('RESTARTING')
    await restarted
    // the poison record is still there: the restarted task reads it again and fails again
    await until(() => engine.status('snk').tasks[0]?.state === 'FAILED')
    await engine.stop()
  })
})
