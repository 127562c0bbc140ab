import type { ConnectValue } from '../records/connect-value.js'
import type { Converter, SchemaAndValue } from './converter.js'
import { ConversionError } from './converter.js'
import { javaToString } from './java-to-string.js'

const OPTIONAL_STRING = { type: 'string', optional: true } as const

/** `org.apache.kafka.connect.storage.StringConverter`: `String.valueOf(value)`, UTF-8 (or UTF-16 via `converter.encoding`). */
export function stringConverter(config: Readonly<Record<string, string>> = {}): Converter {
  const encoding = (config['converter.encoding'] ?? 'UTF-8').toUpperCase().replace('-', '')
  if (encoding !== 'UTF8' && encoding !== 'UTF16LE') {
    throw new ConversionError(`unsupported converter.encoding '${config['converter.encoding'] ?? ''}' (expected UTF-8 or UTF-16LE)`)
  }
  const enc = encoding === 'UTF8' ? 'utf8' : 'utf16le'
  return {
    utf8Text: enc === 'utf8',
    fromConnectData: (_topic, value: ConnectValue) => (value === null ? null : Buffer.from(javaToString(value), enc)),
    toConnectData: (_topic, bytes): SchemaAndValue => ({
      schema: OPTIONAL_STRING,
      value: bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(enc),
    }),
  }
}
