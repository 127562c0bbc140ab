// @servers kafka
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('pipe runtime on Kafka', () => {
  it('moves a file through a topic into a file, with Kafka Connect offsets and group commits', async () => {
    const { bootstrapServers } = servers().kafka
    const run = `rt-${Date.now()}`
    const dir = await mkdtemp(join(tmpdir(), 'pipe-kafka-'))
    const input = join(dir, 'in.txt')
    const output = join(dir, 'out.txt')
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}`)
    await writeFile(input, lines.map((l) => `${l}\n`).join(''))
    const offsetsTopic = `${run}-offsets`
    const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers }), offsetsTopic })
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
    const S = 'org.apache.kafka.connect.storage.StringConverter'
    await engine.start([
      { name: `${run}-src`, config: { 'connector.class': 'FileStreamSource', file: input, topic: `${run}-t`, 'value.converter': S, 'topic.creation.default.partitions': '3' } },
      { name: `${run}-snk`, config: { 'connector.class': 'FileStreamSink', file: output, topics: `${run}-t`, 'value.converter': S } },
    ])
    await until(() => (engine.metrics(`${run}-snk`)[0]?.recordsOut ?? 0) >= lines.length)
    await engine.stop()
    await backend.close()

    expect((await readFile(output, 'utf8')).trimEnd().split('\n').sort()).toEqual([...lines].sort())

    // GIVEN the run is over, THEN the offsets topic holds Kafka Connect's exact bytes and the group its commits
    const kafka = new Kafka({ brokers: [bootstrapServers], logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    const committed = await admin.fetchOffsets({ groupId: `connect-${run}-snk`, topics: [`${run}-t`] })
    const total = committed[0]?.partitions.reduce((n, p) => n + Number(p.offset), 0)
    await admin.disconnect()
    expect(total).toBe(lines.length)
    const reader = kafka.consumer({ groupId: `${run}-check` })
    const seen: { key: string; value: string }[] = []
    await reader.connect()
    await reader.subscribe({ topics: [offsetsTopic], fromBeginning: true })
    await reader.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' })) })
    const size = Buffer.byteLength(lines.map((l) => `${l}\n`).join(''))
    await until(() => seen.some((s) => s.value === `{"position":${size}}`))
    await reader.disconnect()
    expect(seen.at(-1)).toEqual({ key: `["${run}-src",{"filename":"${input}"}]`, value: `{"position":${size}}` })
  })
})
