import type { ConsumedMessage, MessageHeader, TopicMessage } from './topic-backend.js'

/** What a stored record costs beyond its key, value and headers (offset, timestamp, lengths): counts toward `retention.bytes`. */
export const RECORD_OVERHEAD = 32

const NO_HEADERS: readonly MessageHeader[] = Object.freeze([])

/** Key, value and header bytes of a record plus RECORD_OVERHEAD: its size for retention. */
export function storedSize(m: TopicMessage): number {
  let n = RECORD_OVERHEAD + (m.key?.length ?? 0) + (m.value?.length ?? 0)
  for (const h of m.headers) n += Buffer.byteLength(h.key) + (h.value?.length ?? 0)
  return n
}

function encodedLength(messages: readonly TopicMessage[]): number {
  let n = 0
  for (const m of messages) {
    n += 20 + (m.key?.length ?? 0) + (m.value?.length ?? 0) // timestamp 8, key length 4, value length 4, header count 4
    for (const h of m.headers) n += 8 + Buffer.byteLength(h.key) + (h.value?.length ?? 0)
  }
  return n
}

function putBytes(out: Buffer, at: number, bytes: Uint8Array | null): number {
  if (bytes === null) return out.writeInt32LE(-1, at)
  at = out.writeInt32LE(bytes.length, at)
  out.set(bytes, at)
  return at + bytes.length
}

/**
 * One stored batch: the records of one produce call for one partition, with consecutive offsets, as Kafka
 * stores a record batch. Per record, little-endian: timestamp (float64), key and value (int32 length, -1 for
 * null, then the bytes), header count (int32), per header its key (int32 length, UTF-8) and value (as key).
 *
 * @example
 * decodeBatch('t', 0, 5, encodeBatch(messages)) // the messages again, at offsets 5, 6, ...
 */
export function encodeBatch(messages: readonly TopicMessage[]): Buffer {
  const out = Buffer.allocUnsafe(encodedLength(messages))
  let at = 0
  for (const m of messages) {
    at = out.writeDoubleLE(m.timestamp, at)
    at = putBytes(out, at, m.key)
    at = putBytes(out, at, m.value)
    at = out.writeInt32LE(m.headers.length, at)
    for (const h of m.headers) {
      at = putBytes(out, at, Buffer.from(h.key))
      at = putBytes(out, at, h.value)
    }
  }
  return out
}

/**
 * The records of a stored batch from offset `from` on (at most `max`), as views into `data` (no copies); the records
 * before `from` are stepped over without building them. Throws on bytes that are no batch (a damaged store).
 */
export function decodeBatch(topic: string, partition: number, baseOffset: number, data: Buffer, from = baseOffset, max = Infinity): ConsumedMessage[] {
  const out: ConsumedMessage[] = []
  let at = 0
  let offset = baseOffset
  const damaged = (): RangeError => new RangeError(`stored batch at offset ${String(baseOffset)} of ${topic}-${String(partition)} is damaged`)
  const skip = (): void => {
    const length = data.readInt32LE(at)
    at += 4 + Math.max(0, length)
    if (at > data.length) throw damaged()
  }
  const bytes = (): Buffer | null => {
    const length = data.readInt32LE(at)
    at += 4
    if (length < 0) return null
    if (at + length > data.length) throw damaged()
    at += length
    return data.subarray(at - length, at)
  }
  for (; offset < from && at < data.length; offset++) {
    at += 8
    skip()
    skip()
    const count = data.readInt32LE(at)
    at += 4
    for (let i = 0; i < count; i++) { skip(); skip() }
  }
  while (at < data.length && out.length < max) {
    const timestamp = data.readDoubleLE(at)
    at += 8
    const key = bytes()
    const value = bytes()
    const count = data.readInt32LE(at)
    at += 4
    let headers = NO_HEADERS
    if (count > 0) {
      const list: MessageHeader[] = []
      for (let i = 0; i < count; i++) list.push({ key: (bytes() ?? Buffer.alloc(0)).toString('utf8'), value: bytes() })
      headers = list
    }
    out.push({ topic, partition, offset, key, value, headers, timestamp })
    offset++
  }
  return out
}
