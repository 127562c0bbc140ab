import type { Converter } from './converter.js'
import { ConversionError } from './converter.js'

const OPTIONAL_BYTES = { type: 'bytes', optional: true } as const

/** `org.apache.kafka.connect.converters.ByteArrayConverter`: bytes pass through unchanged. */
export function byteArrayConverter(): Converter {
  return {
    fromConnectData: (_topic, value) => {
      if (value === null || value instanceof Uint8Array) return value
      throw new ConversionError(`ByteArrayConverter is not compatible with objects of type ${typeof value}`)
    },
    toConnectData: (_topic, bytes) => ({ schema: OPTIONAL_BYTES, value: bytes }),
  }
}
