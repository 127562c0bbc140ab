import { describe, expect, it } from 'vitest'
import { decodeBatch, encodeBatch, RECORD_OVERHEAD, storedSize } from './embedded-batch.js'
import type { TopicMessage } from './topic-backend.js'

const messages: TopicMessage[] = [
  { topic: 't', partition: 0, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }, { key: 'ünï', value: null }], timestamp: 1_764_000_000_123 },
  { topic: 't', partition: 0, key: null, value: null, headers: [], timestamp: 0 },
  { topic: 't', partition: 0, key: new Uint8Array(0), value: Buffer.alloc(70_000, 7), headers: [], timestamp: -5 },
]
const plain = (m: TopicMessage): unknown => ({ ...m, key: m.key === null ? null : [...m.key], value: m.value === null ? null : m.value.length, headers: m.headers.map((h) => ({ key: h.key, value: h.value === null ? null : [...h.value] })) })

describe('stored batches', () => {
  it('give back every record with its offset, null and empty keys and values, and headers', () => {
    const got = decodeBatch('t', 0, 40, encodeBatch(messages))
    expect(got.map((m) => m.offset)).toEqual([40, 41, 42])
    expect(got.map((m) => plain({ ...m, offset: undefined } as unknown as TopicMessage))).toEqual(messages.map((m) => plain({ ...m, offset: undefined } as unknown as TopicMessage)))
  })

  it('start at a position inside the batch and stop after max records', () => {
    expect(decodeBatch('t', 0, 40, encodeBatch(messages), 41, 1).map((m) => m.offset)).toEqual([41])
    expect(decodeBatch('t', 0, 40, encodeBatch(messages), 43)).toEqual([])
  })

  it('refuse bytes that are no batch instead of reading past them', () => {
    const bytes = encodeBatch(messages).subarray(0, 30)
    expect(() => decodeBatch('t', 0, 0, bytes)).toThrow(RangeError)
    expect(() => decodeBatch('t', 0, 0, bytes, 2)).toThrow(RangeError) // also while stepping over records before the position
  })

  it('count key, value and header bytes plus the per-record overhead toward retention', () => {
    expect(storedSize(messages[0] as TopicMessage)).toBe(RECORD_OVERHEAD + 2 + 2 + 1 + 1 + Buffer.byteLength('ünï'))
  })
})
