import { describe, expect, it } from 'vitest'
import { deserializeByteArrayMap, serializeByteArrayMap } from './java-serialized-map.js'

// what Java 17's ObjectOutputStream wrote for a HashMap<byte[], byte[]> of two Kafka Connect offsets
// (FileOffsetBackingStore's format), in the map's iteration order
const FROM_JAVA = 'aced0005737200116a6176612e7574696c2e486173684d61700507dac1c31660d103000246000a6c6f6164466163746f724900097468726573686f6c6478703f4000000000000c77080000001000000002757200025b42acf317f8060854e00200007870000000105b2273726332222c7b2270223a317d5d7571007e00020000000e7b22706f736974696f6e223a377d7571007e00020000001d5b22737263222c7b2266696c656e616d65223a22696e2e747874227d5d7571007e00020000000f7b22706f736974696f6e223a34327d78'
const ENTRIES: [Buffer, Buffer][] = [
  [Buffer.from('["src2",{"p":1}]'), Buffer.from('{"position":7}')],
  [Buffer.from('["src",{"filename":"in.txt"}]'), Buffer.from('{"position":42}')],
]

describe('Java-serialized HashMap<byte[], byte[]>', () => {
  it('writes the bytes Java writes', () => {
    expect(serializeByteArrayMap(ENTRIES).toString('hex')).toBe(FROM_JAVA)
  })

  it('reads what Java wrote', () => {
    expect(deserializeByteArrayMap(Buffer.from(FROM_JAVA, 'hex'))).toEqual(ENTRIES)
  })

  it('round-trips an empty map, null values, and a map past HashMap\'s first resize', () => {
    const many: [Buffer, Buffer | null][] = Array.from({ length: 40 }, (_, i) => [Buffer.from(`["c",{"p":${String(i)}}]`), i === 3 ? null : Buffer.from(`{"o":${String(i)}}`)])
    expect(deserializeByteArrayMap(serializeByteArrayMap([]))).toEqual([])
    expect(deserializeByteArrayMap(serializeByteArrayMap(many))).toEqual(many)
  })

  it('says where bytes that are not such a map stop making sense', () => {
    expect(() => deserializeByteArrayMap(Buffer.from('{"a":1}'))).toThrow(/expected the serialization magic AC ED 00 05 at byte 4/)
    expect(() => deserializeByteArrayMap(Buffer.from(FROM_JAVA.slice(0, 200), 'hex'))).toThrow(/the data ends early/)
  })
})
