import { toJsonText } from '../converters/json-text.js'
import type { SourceOffset, SourcePartition } from '../records/connect-record.js'

/** The offsets topic key, byte for byte as Kafka Connect writes it: compact JSON `["<connector>",{partition}]`. */
export function offsetKey(connector: string, partition: SourcePartition): Buffer {
  return Buffer.from(toJsonText([connector, partition]), 'utf8')
}

/** The offsets topic value: compact JSON of the offset map, or `null` (a tombstone) to reset. */
export function offsetValue(offset: SourceOffset | null): Buffer | null {
  return offset === null ? null : Buffer.from(toJsonText(offset), 'utf8')
}

/** Reads a key back: the connector and partition, or `undefined` for keys of another shape. */
export function parseOffsetKey(key: Buffer): { connector: string; partition: SourcePartition } | undefined {
  try {
    const parsed: unknown = JSON.parse(key.toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string') return undefined
    const partition: unknown = parsed[1]
    if (typeof partition !== 'object' || partition === null || Array.isArray(partition)) return undefined
    return { connector: parsed[0], partition: partition as SourcePartition }
  } catch {
    return undefined
  }
}
