import type { ConnectValue } from '../records/connect-value.js'
import type { Converter, SchemaAndValue } from './converter.js'
import { ConversionError } from './converter.js'
import { javaToString } from './java-to-string.js'

const OPTIONAL_STRING = { type: 'string', optional: true } as const
/** Bytes of the buffer that small UTF-8 values are written into, one after the other. */
const ARENA_BYTES = 2 ** 20
/** A value that may need more than this (3 bytes per UTF-16 unit at most) gets a buffer of its own. */
const ARENA_MAX_VALUE = ARENA_BYTES / 16

/** Node's own `Buffer#utf8Write` (what `buf.write(text, at, 'utf8')` calls after sorting its arguments out: 0.1 µs a call). */
type Utf8Write = (this: Buffer, text: string, offset: number) => number
const nodeUtf8Write = (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write
const utf8Write: Utf8Write = typeof nodeUtf8Write === 'function' ? nodeUtf8Write : function (this: Buffer, text, offset) { return this.write(text, offset, 'utf8') }

/**
 * Encodes strings to UTF-8 views into a shared 1 MiB buffer, a new one when it is full: as Node's `Buffer.from` does
 * with its 8 KiB pool, but an ArrayBuffer per 1 MiB instead of one per 8 KiB (40 values of 200 B), whose allocation and
 * collection took more than the encoding itself (pipe run, 5M x 200 B: 0.5 s of the event loop for the allocations).
 * A view keeps its whole buffer alive: fine for records, which die young.
 */
function utf8Encoder(): (text: string) => Buffer {
  let arena = Buffer.allocUnsafe(ARENA_BYTES)
  let at = 0
  return (text) => {
    if (text.length > ARENA_MAX_VALUE / 3) return Buffer.from(text, 'utf8')
    if (at + text.length * 3 > ARENA_BYTES) {
      arena = Buffer.allocUnsafe(ARENA_BYTES)
      at = 0
    }
    const start = at
    at += utf8Write.call(arena, text, at)
    return arena.subarray(start, at)
  }
}

/** `org.apache.kafka.connect.storage.StringConverter`: `String.valueOf(value)`, UTF-8 (or UTF-16 via `converter.encoding`). */
export function stringConverter(config: Readonly<Record<string, string>> = {}): Converter {
  const encoding = (config['converter.encoding'] ?? 'UTF-8').toUpperCase().replace('-', '')
  if (encoding !== 'UTF8' && encoding !== 'UTF16LE') {
    throw new ConversionError(`unsupported converter.encoding '${config['converter.encoding'] ?? ''}' (expected UTF-8 or UTF-16LE)`)
  }
  const enc = encoding === 'UTF8' ? 'utf8' : 'utf16le'
  const utf8 = utf8Encoder()
  return {
    utf8Text: enc === 'utf8',
    fromConnectData: (_topic, value: ConnectValue) => (value === null ? null : enc === 'utf8' ? utf8(javaToString(value)) : Buffer.from(javaToString(value), enc)),
    toConnectData: (_topic, bytes): SchemaAndValue => ({
      schema: OPTIONAL_STRING,
      value: bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(enc),
    }),
  }
}
