import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestWorker } from './test-server.js'
import { startTestWorker, until } from './test-server.js'

let w: TestWorker
beforeEach(async () => { w = await startTestWorker() })
afterEach(async () => { await w.server.close() })

const STRING = 'org.apache.kafka.connect.storage.StringConverter'
const offsetsOf = async (name: string): Promise<unknown> => (await w.call('GET', `/connectors/${name}/offsets`)).body
const at = (offset: number | null): unknown => ({ offsets: [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: offset === null ? null : { kafka_offset: offset } }] })

describe('sink connector offsets', () => {
  it("reads, alters and resets a sink's consumer group offsets, only when STOPPED", async () => {
    // GIVEN a source -> t -> sink that copied the three lines
    const converters = { 'key.converter': STRING, 'value.converter': STRING }
    await w.call('POST', '/connectors', { name: 'src', config: { 'connector.class': 'FileStreamSource', file: join(w.dir, 'in.txt'), topic: 't', ...converters } })
    await w.call('POST', '/connectors', { name: 'snk', config: { 'connector.class': 'FileStreamSink', file: join(w.dir, 'out.txt'), topics: 't', ...converters } })
    await until(async () => JSON.stringify(await offsetsOf('snk')) === JSON.stringify(at(3)))

    // WHEN altered while running: refused
    expect((await w.call('PATCH', '/connectors/snk/offsets', at(1))).status).toBe(400)

    // WHEN stopped: bad bodies answer 400 with Kafka Connect's messages, a good one moves the offset
    expect((await w.call('PUT', '/connectors/snk/stop')).status).toBe(204)
    const noTopic = await w.call('PATCH', '/connectors/snk/offsets', { offsets: [{ partition: { kafka_partition: 0 }, offset: { kafka_offset: 1 } }] })
    expect(noTopic.body).toEqual({ error_code: 400, message: "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'" })
    const badOffset = await w.call('PATCH', '/connectors/snk/offsets', { offsets: [{ partition: { kafka_topic: 't', kafka_partition: '0' }, offset: { kafka_offset: 'x' } }] })
    expect(badOffset).toMatchObject({ status: 400, body: { message: expect.stringContaining("Failed to parse the following Kafka offset value in the provided offsets: 'x'") as unknown } })
    expect(await w.call('PATCH', '/connectors/snk/offsets', at(1))).toMatchObject({ status: 200, body: { message: 'The offsets for this connector have been altered successfully' } })
    expect(await offsetsOf('snk')).toEqual(at(1))

    // AND a null offset removes the partition, as does a reset
    await w.call('PATCH', '/connectors/snk/offsets', at(null))
    expect(await offsetsOf('snk')).toEqual({ offsets: [] })
    await w.call('PATCH', '/connectors/snk/offsets', at(2))
    expect(await w.call('DELETE', '/connectors/snk/offsets')).toMatchObject({ status: 200, body: { message: 'The offsets for this connector have been reset successfully' } })
    expect(await offsetsOf('snk')).toEqual({ offsets: [] })
  })
})
