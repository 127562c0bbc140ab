// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compilePipeline, lowerPipeline } from '@pipe/dsl'
import type { ConnectorDocument, RecordFormat } from '@pipe/dsl'
import { Kafka, logLevel } from 'kafkajs'
import type { IHeaders } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { formatJavaDate } from '../../../packages/runtime/src/java/java-date-format.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { SOURCE_CASES, SOURCE_LINES } from './smt-parity-source-fixtures.js'
import type { SourceParityCase } from './smt-parity-source-fixtures.js'

// Each case runs twice per format, once per engine, on topics named `<run>-<engine>-<format>-<case>`
// (RegexRouter keeps the `<run>-<engine>-` tag), so the outputs are told apart by the engine tag and compared with it
// replaced by ENGINE. FileStream stamps records with the wall clock, so timestamps are checked to lie in
// the run's window and TimestampRouter's date is checked against the record's own timestamp.

const run = `sp${randomUUID().slice(0, 6)}`
const ENGINES = ['connect', 'pipe'] as const
type Engine = (typeof ENGINES)[number]
const dir = mkdtempSync(join(tmpdir(), 'pipe-parity-source-'))
const input = join(dir, 'input.txt')

interface Variant {
  readonly c: SourceParityCase
  readonly format: RecordFormat
  readonly id: string
}
const FORMAT_TAGS: Readonly<Record<RecordFormat, string>> = { string: 'str', json: 'json', 'json-schema': 'jsch' }
const VARIANTS: readonly Variant[] = SOURCE_CASES.flatMap((c) => c.formats.map((format) => ({ c, format, id: `${FORMAT_TAGS[format]}-${c.name}` })))
const tagOf = (engine: Engine): string => `${run}-${engine}-`
/** The topic the pipeline declares. */
const prefix = (engine: Engine, v: Variant): string => `${tagOf(engine)}${v.id}`
/** The topic the records land in, before TimestampRouter's `.<date>` or `-<date>` suffix. */
const landing = (engine: Engine, v: Variant): string => v.c.routedTopic?.(prefix(engine, v)) ?? prefix(engine, v)

function compiled(engine: Engine, v: Variant): ConnectorDocument {
  const name = prefix(engine, v)
  const { ir, definitions } = lowerPipeline(v.c.pipeline(input, name, v.format), { defaultName: name })
  const result = compilePipeline(ir, { definitions })
  expect(result.diagnostics).toEqual([])
  const [connector] = result.connectors
  if (connector === undefined || result.connectors.length !== 1) throw new Error(`${name}: expected one connector`)
  return connector
}

/** One record as read from the topic: every byte that matters, engine tag normalized. */
interface OutRecord {
  readonly topic: string
  readonly key: string | null
  readonly value: string | null
  readonly headers: readonly (readonly [string, string | null | readonly (string | null)[]])[]
  readonly timestamp: number
  readonly offset: number
}

/** Bytes as text when they are exactly UTF-8 text (readable diffs), else as `hex:` (still byte-exact). */
function bytes(b: Buffer | string | null | undefined): string | null {
  if (b === null || b === undefined) return null
  const buffer = Buffer.from(b)
  const text = buffer.toString('utf8')
  return Buffer.from(text, 'utf8').equals(buffer) && !text.startsWith('hex:') ? text : `hex:${buffer.toString('hex')}`
}

function headerList(headers: IHeaders | undefined): OutRecord['headers'] {
  return Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => bytes(x as Buffer | undefined)) : bytes(v as Buffer | undefined)] as const)
}

async function topicsOf(kafka: Kafka, topic: string): Promise<string[]> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    return (await admin.listTopics()).filter((t) => t === topic || t.startsWith(`${topic}.`) || t.startsWith(`${topic}-`)).sort()
  } finally {
    await admin.disconnect()
  }
}

async function recordCount(kafka: Kafka, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    let n = 0
    for (const t of topics) for (const p of await admin.fetchTopicOffsets(t)) n += Number(p.high) - Number(p.low)
    return n
  } finally {
    await admin.disconnect()
  }
}

async function readAll(kafka: Kafka, topics: readonly string[], count: number): Promise<OutRecord[]> {
  if (count === 0) return []
  const consumer = kafka.consumer({ groupId: `${run}-reader-${randomUUID()}` })
  const out: OutRecord[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${String(out.length)} of ${String(count)} records read from ${topics.join(',')}`)) }, 60_000)
      void consumer.run({
        eachMessage: ({ topic, message }) => {
          out.push({ topic, key: bytes(message.key), value: bytes(message.value), headers: headerList(message.headers), timestamp: Number(message.timestamp), offset: Number(message.offset) })
          if (out.length === count) {
            clearTimeout(timer)
            resolve()
          }
          return Promise.resolve()
        },
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return out
}

/** Replaces the engine tag (in the topic, keys, values and headers) and TimestampRouter's date. */
function normalize(engine: Engine, v: Variant, r: OutRecord): Omit<OutRecord, 'timestamp' | 'offset'> {
  const tag = tagOf(engine)
  const neutral = `${run}-ENGINE-`
  const stamps = (v.c.timestampInValue ?? []).map((f) => (f === '' ? String(r.timestamp) : formatJavaDate(f, r.timestamp)))
  const swap = (text: string | null): string | null => (text === null ? null : stamps.reduce((t, s) => t.replaceAll(s, '<timestamp>'), text.replaceAll(tag, neutral)))
  let topic = r.topic.replace(tag, neutral)
  if (v.c.timestampFormat !== undefined) topic = topic.replace(formatJavaDate(v.c.timestampFormat, r.timestamp), '<timestamp>')
  const headers = r.headers.map(([k, h]) => [k, Array.isArray(h) ? h.map((x: string | null) => swap(x)) : swap(h as string | null)] as const)
  return { topic, key: swap(r.key), value: swap(r.value), headers }
}

describe('source-side SMT parity with Kafka Connect', () => {
  const { url } = servers().connect
  const kafka = new Kafka({ brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })
  afterAll(async () => {
    for (const v of VARIANTS) {
      const deleted = await connectRequest(url, 'DELETE', `/connectors/${compiled('connect', v).name}`)
      expect(deleted.status).toBe(204)
    }
  })

  it('writes to the topic, byte for byte, what the Kafka Connect worker writes for the same compiled FileStream source config', async () => {
    writeFileSync(input, SOURCE_LINES.map((l) => `${l}\n`).join(''))
    const started = Date.now()
    // GIVEN the same compiled source config (but for the engine tag in names) on Kafka Connect and on pipe
    for (const v of VARIANTS) {
      const { name, config } = compiled('connect', v)
      const created = await connectRequest(url, 'POST', '/connectors', { name, config })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    }
    const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: servers().kafka.bootstrapServers }), offsetsTopic: `${run}-offsets` })
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start(VARIANTS.map((v) => compiled('pipe', v)))
    // WHEN both engines have written every line of every passing case
    const expected = (v: Variant): number => (v.c.passes ? SOURCE_LINES.length : 0)
    const done = async (engineName: Engine): Promise<boolean> => {
      for (const v of VARIANTS) {
        const n = await recordCount(kafka, await topicsOf(kafka, landing(engineName, v)))
        if (n < expected(v)) return false
      }
      return true
    }
    await waitFor('both engines to write every case', async () => ((await done('connect')) && (await done('pipe')) ? true : undefined), 90_000)
      .catch(async (error: unknown) => {
        // say which case fell short, and why (a FAILED task's trace), on either engine
        const lines: string[] = []
        for (const v of VARIANTS) {
          const counts = await Promise.all(ENGINES.map(async (e) => recordCount(kafka, await topicsOf(kafka, landing(e, v)))))
          if (counts.every((n) => n >= expected(v))) continue
          const connect = await connectRequest(url, 'GET', `/connectors/${compiled('connect', v).name}/status`)
          lines.push(`${v.id}: connect ${String(counts[0])}, pipe ${String(counts[1])} of ${String(expected(v))}`,
            `  connect: ${JSON.stringify(connect.body).slice(0, 600)}`, `  pipe: ${JSON.stringify(engine.status(compiled('pipe', v).name)).slice(0, 600)}`)
        }
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n${lines.join('\n')}`)
      })
    // pipe idle: every connector, the drop-all ones too, has read the whole file; then time for a surplus to show
    await waitFor('pipe to be idle', () => Promise.resolve(engine.isIdle(1000) ? true : undefined), 30_000)
    await new Promise((r) => setTimeout(r, 2000))
    await engine.stop()
    await backend.close()
    const ended = Date.now()
    // THEN every case's records are identical: topic, key, value and header bytes, header order
    for (const v of VARIANTS) {
      const outputs = await Promise.all(ENGINES.map(async (e) => {
        const topics = await topicsOf(kafka, landing(e, v))
        const records = await readAll(kafka, topics, await recordCount(kafka, topics)) 
        const ordered = [...records].sort((a, b) => a.timestamp - b.timestamp || a.topic.localeCompare(b.topic) || a.offset - b.offset)
        for (const r of ordered) {
          expect(r.timestamp, `${e} ${v.id} timestamp`).toBeGreaterThanOrEqual(started - 1000)
          expect(r.timestamp, `${e} ${v.id} timestamp`).toBeLessThanOrEqual(ended)
          if (v.c.timestampFormat !== undefined) expect(r.topic, `${e} ${v.id} routed topic`).toContain(formatJavaDate(v.c.timestampFormat, r.timestamp))
        }
        return ordered.map((r) => normalize(e, v, r))
      }))
      expect.soft(outputs[0], `${v.id}: Kafka Connect wrote ${String(outputs[0]?.length)} records`).toHaveLength(expected(v))
      expect.soft(outputs[1], v.id).toEqual(outputs[0])
    }
  }, 180_000)
})
