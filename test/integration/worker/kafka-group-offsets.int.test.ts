// @servers kafka
import { afterAll, describe, expect, it } from 'vitest'
import { createKafkaTopicBackend, createKafkajsClient } from '../../../packages/runtime/src/index.js'
import { servers } from '../../infra/servers.js'

const run = `group-offsets-${Date.now().toString(36)}`
const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: servers().kafka.bootstrapServers }), offsetsTopic: `${run}-offsets` })
afterAll(() => backend.close())

const sorted = async (group: string): Promise<unknown> => [...(await backend.listGroupOffsets(group))].sort((a, b) => a.partition - b.partition)

describe("the Kafka backend's consumer group offsets (a sink's PATCH and DELETE /connectors/{c}/offsets)", () => {
  it('sets, removes one partition of, and deletes the committed offsets of a group without members', async () => {
    // GIVEN a topic with two partitions of three records each
    const topic = `${run}-t`
    await backend.ensureTopic({ name: topic, partitions: 2 })
    const record = (partition: number) => ({ topic, partition, key: null, value: Buffer.from('x'), headers: [], timestamp: Date.now() })
    await backend.produce([0, 0, 0, 1, 1, 1].map(record))
    const group = `connect-${run}`

    // WHEN offsets are set for both partitions
    await backend.alterGroupOffsets(group, [{ topic, partition: 0, offset: 2 }, { topic, partition: 1, offset: 1 }])
    expect(await sorted(group)).toEqual([{ topic, partition: 0, offset: 2 }, { topic, partition: 1, offset: 1 }])

    // WHEN partition 0's offset is removed (null) while partition 1's moves
    await backend.alterGroupOffsets(group, [{ topic, partition: 0, offset: null }, { topic, partition: 1, offset: 3 }])
    expect(await sorted(group)).toEqual([{ topic, partition: 1, offset: 3 }])

    // THEN a consumer of the group starts partition 0 from the beginning and partition 1 at its end
    const consumer = await backend.consumer({ group, topics: [topic], member: { index: 0, count: 1 } })
    const seen: string[] = []
    const end = Date.now() + 30_000
    while (seen.length < 3 && Date.now() < end) seen.push(...(await consumer.fetch(100, 1000)).map((m) => `${String(m.partition)}:${String(m.offset)}`))
    await consumer.close()
    expect(seen.sort()).toEqual(['0:0', '0:1', '0:2'])

    // AND a reset deletes the group's offsets; resetting a group that is gone is no error
    await backend.resetGroupOffsets(group)
    expect(await sorted(group)).toEqual([])
    await backend.resetGroupOffsets(group)
  }, 90_000)
})
