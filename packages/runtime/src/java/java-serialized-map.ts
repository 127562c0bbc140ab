/** One entry of a Java `HashMap<byte[], byte[]>` (a null value is Java's null). */
export type ByteArrayEntry = readonly [key: Buffer, value: Buffer | null]

const MAGIC = Buffer.from([0xac, 0xed, 0x00, 0x05])
const TC_NULL = 0x70
const TC_REFERENCE = 0x71
const TC_CLASSDESC = 0x72
const TC_OBJECT = 0x73
const TC_ARRAY = 0x75
const TC_BLOCKDATA = 0x77
const TC_ENDBLOCKDATA = 0x78
const BASE_HANDLE = 0x7e0000

/** `java.util.HashMap`'s class descriptor (serialVersionUID 362498820763181265, fields loadFactor and threshold). */
const HASH_MAP_DESCRIPTOR = Buffer.from('72' + '0011' + Buffer.from('java.util.HashMap').toString('hex') + '0507dac1c31660d1' + '03' + '0002' +
  '46' + '000a' + Buffer.from('loadFactor').toString('hex') + '49' + '0009' + Buffer.from('threshold').toString('hex') + '78' + '70', 'hex')
/** `byte[]`'s class descriptor (`[B`, serialVersionUID -5984413125824719648). */
const BYTE_ARRAY_DESCRIPTOR = Buffer.from('72' + '0002' + Buffer.from('[B').toString('hex') + 'acf317f8060854e0' + '02' + '0000' + '78' + '70', 'hex')
// handles in write order: HashMap's descriptor, the map, byte[]'s descriptor, then each array
const BYTE_ARRAY_HANDLE = BASE_HANDLE + 2

const int32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b }

/** HashMap's table size after `size` puts into `new HashMap<>()` (16, doubled while size exceeds 0.75 of it). */
function capacityFor(size: number): number {
  let capacity = 16
  while (size > capacity * 0.75) capacity *= 2
  return capacity
}

/**
 * Java object serialization of a `HashMap<byte[], byte[]>`, byte for byte as `ObjectOutputStream`
 * writes it: Kafka Connect's standalone offsets file (`offset.storage.file.filename`,
 * FileOffsetBackingStore) holds exactly this.
 *
 * @example
 * ```ts
 * writeFileSync('connect.offsets', serializeByteArrayMap([[Buffer.from('["src",{}]'), Buffer.from('{"position":1}')]]))
 * ```
 */
export function serializeByteArrayMap(entries: readonly ByteArrayEntry[]): Buffer {
  const capacity = capacityFor(entries.length)
  const parts: Buffer[] = [MAGIC, Buffer.from([TC_OBJECT]), HASH_MAP_DESCRIPTOR, Buffer.from('3f400000', 'hex'), int32(entries.length === 0 ? 0 : capacity * 0.75),
    Buffer.from([TC_BLOCKDATA, 8]), int32(capacity), int32(entries.length)]
  let described = false
  const array = (bytes: Buffer | null): void => {
    if (bytes === null) { parts.push(Buffer.from([TC_NULL])); return }
    parts.push(Buffer.from([TC_ARRAY]), described ? Buffer.from([TC_REFERENCE, ...int32(BYTE_ARRAY_HANDLE)]) : BYTE_ARRAY_DESCRIPTOR, int32(bytes.length), bytes)
    described = true
  }
  for (const [key, value] of entries) { array(key); array(value) }
  parts.push(Buffer.from([TC_ENDBLOCKDATA]))
  return Buffer.concat(parts)
}

class Reader {
  #at = 0
  readonly #arrays = new Map<number, Buffer>()
  #handles = BASE_HANDLE
  constructor(readonly bytes: Buffer) {}

  fail(what: string): never {
    throw new Error(`not a Java-serialized HashMap<byte[], byte[]>: ${what} at byte ${String(this.#at)}`)
  }

  take(length: number): Buffer {
    if (this.#at + length > this.bytes.length) this.fail('the data ends early')
    const out = this.bytes.subarray(this.#at, this.#at + length)
    this.#at += length
    return out
  }

  byte(): number { return this.take(1)[0] ?? 0 }
  int(): number { return this.take(4).readInt32BE(0) }

  expect(bytes: Buffer, what: string): void {
    if (!this.take(bytes.length).equals(bytes)) this.fail(`expected ${what}`)
  }

  /** A descriptor the writer gave a handle: the map's or byte[]'s (both fixed). */
  descriptor(fixed: Buffer, what: string): void {
    this.expect(fixed, what)
    this.#handles++
  }

  newHandle(): void { this.#handles++ }

  /** A `byte[]`, a null, or a back-reference to an earlier array. */
  array(): Buffer | null {
    const tag = this.byte()
    if (tag === TC_NULL) return null
    if (tag === TC_REFERENCE) return this.#arrays.get(this.int()) ?? this.fail('a reference to an unknown array')
    if (tag !== TC_ARRAY) this.fail(`unexpected tag 0x${tag.toString(16)}`)
    const desc = this.byte()
    if (desc === TC_CLASSDESC) { this.#at--; this.descriptor(BYTE_ARRAY_DESCRIPTOR, "byte[]'s class descriptor") } else if (desc !== TC_REFERENCE || this.int() !== BYTE_ARRAY_HANDLE) this.fail("expected byte[]'s class descriptor")
    const bytes = Buffer.from(this.take(this.int()))
    this.#arrays.set(this.#handles++, bytes)
    return bytes
  }

  get done(): boolean { return this.#at === this.bytes.length }
}

/**
 * Reads what {@link serializeByteArrayMap} (or Java's `ObjectOutputStream`) wrote; throws an Error
 * saying where the bytes stop making sense.
 */
export function deserializeByteArrayMap(bytes: Buffer): ByteArrayEntry[] {
  const r = new Reader(bytes)
  r.expect(MAGIC, 'the serialization magic AC ED 00 05')
  r.expect(Buffer.from([TC_OBJECT]), 'an object')
  r.descriptor(HASH_MAP_DESCRIPTOR, "java.util.HashMap's class descriptor")
  r.newHandle() // the map itself
  r.take(8) // loadFactor, threshold
  r.expect(Buffer.from([TC_BLOCKDATA, 8]), 'the bucket count and size')
  r.int()
  const size = r.int()
  const entries: ByteArrayEntry[] = []
  for (let i = 0; i < size; i++) {
    const key = r.array() ?? r.fail('a null key')
    entries.push([key, r.array()])
  }
  r.expect(Buffer.from([TC_ENDBLOCKDATA]), 'the end of the map')
  if (!r.done) r.fail('bytes after the map')
  return entries
}
