import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'
import type { Engine } from './engine.js'
import { until } from './test-until.js'

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector'
const FILE_SINK = 'FileStreamSink'
const STRING = 'org.apache.kafka.connect.storage.StringConverter'

async function fixture(lines: readonly string[]): Promise<{ dir: string; input: string; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-engine-'))
  const input = join(dir, 'in.txt')
  await writeFile(input, lines.map((l) => `${l}\n`).join(''))
  return { dir, input, output: join(dir, 'out.txt') }
}

function engineWith(lines: string[] = []): { engine: Engine; backend: ReturnType<typeof createMemoryTopicBackend> } {
  const backend = createMemoryTopicBackend()
  return { backend, engine: createEngine({ backend, registry: defaultRegistry({ writer: { write: (l) => lines.push(l) } }), idleWaitMs: 5 }) }
}

describe('engine', () => {
  it('runs file -> topic -> file with FileStream offsets and a graceful stop', async () => {
    const { input, output } = await fixture(['a', 'b', 'c'])
    const { engine, backend } = engineWith()
    await engine.start([
      { name: 'src', config: { 'connector.class': FILE_SOURCE, file: input, topic: 't', 'value.converter': STRING } },
      { name: 'snk', config: { 'connector.class': FILE_SINK, file: output, topics: 't', 'value.converter': STRING } },
    ])
    await until(() => backend.messages('t').length === 3 && engine.metrics('snk')[0]?.recordsOut === 3)
    await engine.stop()
    expect(await readFile(output, 'utf8')).toBe('a\nb\nc\n')
    expect(await backend.readSourceOffset('src', { filename: input })).toEqual({ position: 6 })
    expect(engine.status('src')).toEqual({ name: 'src', connector: { state: 'UNASSIGNED', worker_id: '127.0.0.1:pipe' }, tasks: [{ id: 0, state: 'UNASSIGNED', worker_id: '127.0.0.1:pipe' }], type: 'source' })
  })

  it('resumes a file source from its committed position', async () => {
    const { input } = await fixture(['one', 'two'])
    const { engine, backend } = engineWith()
    const config = { 'connector.class': FILE_SOURCE, file: input, topic: 't', 'value.converter': STRING }
    await engine.start([{ name: 'src', config }])
    await until(() => backend.messages('t').length === 2)
    await engine.stop()
    await writeFile(input, 'one\ntwo\nthree\n')
    const again = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }), idleWaitMs: 5 })
    await again.start([{ name: 'src', config }])
    await until(() => backend.messages('t').length === 3)
    await again.stop()
    expect(backend.messages('t').map((m) => Buffer.from(m.value ?? []).toString())).toEqual(['one', 'two', 'three'])
  })

  it('writes FileStream values with the JsonConverter string schema envelope', async () => {
    const { input } = await fixture(['x'])
    const { engine, backend } = engineWith()
    await engine.start([{ name: 'src', config: { 'connector.class': FILE_SOURCE, file: input, topic: 't' } }])
    await until(() => backend.messages('t').length === 1)
    await engine.stop()
    expect(Buffer.from(backend.messages('t')[0]?.value ?? []).toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"x"}')
  })

  it('pauses and resumes connectors and reports PAUSED', async () => {
    const { engine } = engineWith()
    await engine.start([{ name: 'gen', config: { 'connector.class': 'pipe:datagen-source', topic: 'o', 'interval.ms': '10' } }])
    engine.pause('gen')
    expect(engine.status('gen').connector.state).toBe('PAUSED')
    expect(engine.status('gen').tasks[0]?.state).toBe('PAUSED')
    await engine.resume('gen')
    expect(engine.status('gen').tasks[0]?.state).toBe('RUNNING')
    await engine.stopConnector('gen')
    expect(engine.status('gen')).toMatchObject({ connector: { state: 'STOPPED' }, tasks: [] })
    await engine.stop()
  })

  it('fails a connector whose class is unknown, naming the available ones', async () => {
    const { engine } = engineWith()
    await expect(engine.start([{ name: 'x', config: { 'connector.class': 'com.example.Nope' } }])).rejects.toThrow(/unknown connector.class 'com.example.Nope'.*FileStreamSourceConnector/)
  })
})

describe('topic-to-topic', () => {
  it('copies records through a transform chain into another topic', async () => {
    const { engine, backend } = engineWith()
    await backend.produce(['{"a":1}', '{"a":2}'].map((v) => ({ topic: 'raw', partition: 0, key: null, value: Buffer.from(v), headers: [], timestamp: 1 })))
    await engine.start([{
      name: 'copy', config: {
        'connector.class': 'pipe:topic-to-topic-sink', topics: 'raw', topic: 'clean', 'value.converter.schemas.enable': 'false',
        transforms: 'i', 'transforms.i.type': 'org.apache.kafka.connect.transforms.InsertField$Value', 'transforms.i.static.field': 's', 'transforms.i.static.value': 'x',
      },
    }])
    await until(() => backend.messages('clean').length === 2)
    await engine.stop()
    expect(backend.messages('clean').map((m) => Buffer.from(m.value ?? []).toString())).toEqual(['{"a":1,"s":"x"}', '{"a":2,"s":"x"}'])
  })
})

describe('offsets', () => {
  it('lists source and sink offsets as GET /connectors/{c}/offsets does', async () => {
    const { input, output } = await fixture(['a', 'b'])
    const { engine, backend } = engineWith()
    await engine.start([
      { name: 'src', config: { 'connector.class': FILE_SOURCE, file: input, topic: 't', 'value.converter': STRING } },
      { name: 'snk', config: { 'connector.class': FILE_SINK, file: output, topics: 't', 'value.converter': STRING } },
    ])
    await until(() => backend.messages('t').length === 2 && engine.metrics('snk')[0]?.recordsOut === 2)
    await engine.stop()
    expect(await engine.offsets('src')).toEqual({ offsets: [{ partition: { filename: input }, offset: { position: 4 } }] })
    expect(await engine.offsets('snk')).toEqual({ offsets: [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 2 } }] })
  })
})

describe('engine.isIdle', () => {
  it('is false while a sink is still writing a batch, however long the write takes', async () => {
    const { input } = await fixture(['a', 'b'])
    let release: () => void = () => undefined
    const writing = new Promise<void>((resolve) => { release = resolve })
    let putStarted = false
    const slowSink = {
      type: 'sink' as const,
      taskConfigs: (config: Record<string, string>) => [config],
      createTask: () => ({
        start: () => Promise.resolve(),
        put: async () => { putStarted = true; await writing },
        flush: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      }),
    }
    const backend = createMemoryTopicBackend()
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { SlowSink: slowSink } })
    const engine = createEngine({ backend, registry, idleWaitMs: 5 })
    await engine.start([
      { name: 'src', config: { 'connector.class': FILE_SOURCE, file: input, topic: 't', 'value.converter': STRING } },
      { name: 'snk', config: { 'connector.class': 'SlowSink', topics: 't', 'value.converter': STRING } },
    ])
    await until(() => putStarted)
    await new Promise((r) => setTimeout(r, 60))
    // the source is done and quiet for 60 ms; the sink has been inside put() just as long
    expect(engine.isIdle(30)).toBe(false)
    release()
    await until(() => engine.metrics('snk')[0]?.recordsOut === 2)
    await new Promise((r) => setTimeout(r, 60))
    expect(engine.isIdle(30)).toBe(true)
    await engine.stop()
  })
})

describe('engine.isIdle with a busy source', () => {
  it('is false while a source reads input that has not made a record yet (a long line)', async () => {
    let reading = true
    let polls = 0
    const readingSource = {
      type: 'source' as const,
      taskConfigs: (config: Record<string, string>) => [config],
      createTask: () => ({
        start: () => Promise.resolve(),
        poll: async () => { polls++; await new Promise((r) => setTimeout(r, 5)); return [] },
        isBusy: () => reading,
        stop: () => Promise.resolve(),
      }),
    }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { ReadingSource: readingSource } })
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5 })
    await engine.start([{ name: 'src', config: { 'connector.class': 'ReadingSource', topic: 't', 'value.converter': STRING } }])
    await until(() => polls > 20)
    // no record for 100 ms and more, but every poll read some of the line
    expect(engine.isIdle(30)).toBe(false)
    reading = false
    await new Promise((r) => setTimeout(r, 80))
    expect(engine.isIdle(30)).toBe(true)
    await engine.stop()
  })
})

describe('engine.isIdle with a task still starting', () => {
  it('is false while a task has not started yet (a database slot still held), and a task that then fails counts as done', async () => {
    let release: (ok: boolean) => void = () => undefined
    const starting = new Promise<boolean>((resolve) => { release = resolve })
    const slowStart = {
      type: 'source' as const,
      taskConfigs: (config: Record<string, string>) => [config],
      createTask: () => ({
        start: async () => { if (!await starting) throw new Error('the slot is in use') },
        poll: async () => { await new Promise((r) => setTimeout(r, 5)); return [] },
        stop: () => Promise.resolve(),
      }),
    }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { SlowStart: slowStart } })
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5 })
    await engine.start([{ name: 'src', config: { 'connector.class': 'SlowStart', topic: 't', 'value.converter': STRING } }])
    await new Promise((r) => setTimeout(r, 80))
    // nothing happened for 80 ms, but the task is still in start(): not idle, so --max-idle does not exit 0 before it fails
    expect(engine.isIdle(30)).toBe(false)
    release(false)
    await until(() => engine.status('src').tasks[0]?.state === 'FAILED')
    expect(engine.isIdle(30)).toBe(true)
    await engine.stop()
  })
})

describe('engine.isIdle after a slow start', () => {
  it('counts the idle time from when the task started running, not from when it was created', async () => {
    let release: () => void = () => undefined
    const starting = new Promise<void>((resolve) => { release = resolve })
    let polled = false
    const slowStart = {
      type: 'source' as const,
      taskConfigs: (config: Record<string, string>) => [config],
      createTask: () => ({
        start: () => starting,
        // the first poll waits for a snapshot that has only just begun (PostgreSQL CDC after CREATE_REPLICATION_SLOT)
        poll: async () => { polled = true; await new Promise((r) => setTimeout(r, 200)); return [] },
        stop: () => Promise.resolve(),
      }),
    }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { SlowStart: slowStart } })
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5 })
    await engine.start([{ name: 'src', config: { 'connector.class': 'SlowStart', topic: 't', 'value.converter': STRING } }])
    await new Promise((r) => setTimeout(r, 80))
    release()
    await until(() => polled && engine.status('src').tasks[0]?.state === 'RUNNING')
    // start() took 80 ms, more than the 30 ms idle limit; the task has run for less than that
    expect(engine.isIdle(30)).toBe(false)
    await engine.stop()
  })
})
