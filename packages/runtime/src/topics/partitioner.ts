import { partitionForKey } from './murmur2.js'

/** Kafka's default partitioning: murmur2 of the key, round robin for keyless records. */
export function createPartitioner(): (key: Uint8Array | null, partitions: number) => number {
  let next = 0
  return (key, partitions) => {
    if (key !== null) return partitionForKey(key, partitions)
    next = (next + 1) % 0x7fffffff
    return next % partitions
  }
}

/** The partitions of `count` that member `index` of `members` reads (round robin split). */
export function assignedPartitions(count: number, index: number, members: number): number[] {
  const out: number[] = []
  for (let p = index; p < count; p += Math.max(1, members)) out.push(p)
  return out
}

/** A stable map key for a source partition: compact JSON with keys in the partition's own order. */
export function sourcePartitionKey(connector: string, partition: Readonly<Record<string, unknown>>): string {
  return JSON.stringify([connector, partition])
}
