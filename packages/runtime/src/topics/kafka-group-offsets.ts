import type { Admin } from 'kafkajs'
import type { GroupOffsetChange } from './topic-backend.js'

const isGroupNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'groups' in error && Array.isArray(error.groups) &&
  error.groups.every((g: unknown) => typeof g === 'object' && g !== null && 'error' in g && typeof g.error === 'object' && g.error !== null && 'type' in g.error && g.error.type === 'GROUP_ID_NOT_FOUND')

/** Deletes a consumer group and its committed offsets; a group that does not exist is already deleted. */
export async function deleteKafkaGroup(admin: Admin, group: string): Promise<void> {
  try {
    await admin.deleteGroups([group])
  } catch (error) {
    if (!isGroupNotFound(error)) throw error
  }
}

async function committed(admin: Admin, group: string): Promise<GroupOffsetChange[]> {
  const topics = await admin.fetchOffsets({ groupId: group })
  return topics.flatMap((t) => t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })))
}

/**
 * Alters the committed offsets of a consumer group without members, as Kafka Connect does for
 * `PATCH /connectors/{sink}/offsets`. Kafka's admin API removes one partition's offset with
 * DeleteConsumerGroupOffsets, which kafkajs lacks: a removal deletes the group and commits the
 * offsets that stay again.
 */
export async function alterKafkaGroupOffsets(admin: Admin, group: string, changes: readonly GroupOffsetChange[]): Promise<void> {
  const key = (c: GroupOffsetChange): string => `${c.topic}\u0000${String(c.partition)}`
  const wanted = new Map<string, GroupOffsetChange>()
  if (changes.some((c) => c.offset === null)) {
    for (const c of await committed(admin, group)) wanted.set(key(c), c)
    await deleteKafkaGroup(admin, group)
  }
  for (const c of changes) wanted.set(key(c), c)
  const byTopic = new Map<string, { partition: number; offset: string }[]>()
  for (const c of wanted.values()) {
    if (c.offset !== null) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), { partition: c.partition, offset: String(c.offset) }])
  }
  for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId: group, topic, partitions })
}
