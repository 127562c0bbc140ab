import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectSchema } from '../records/connect-schema.js'

/** A value and its schema (`null` when schemaless), as a converter reads it. */
export interface SchemaAndValue {
  readonly schema: ConnectSchema | null
  readonly value: ConnectValue
}

/** Kafka Connect `Converter`: Connect data to topic bytes and back; `null` bytes are a tombstone. */
export interface Converter {
  fromConnectData(topic: string, value: ConnectValue, schema: ConnectSchema | null): Uint8Array | null
  toConnectData(topic: string, bytes: Uint8Array | null): SchemaAndValue
  /** True when `toConnectData` of non-null bytes is exactly their UTF-8 text (StringConverter, UTF-8). */
  readonly utf8Text?: boolean
}

/** Thrown when bytes or values do not fit a converter. */
export class ConversionError extends Error {
  override readonly name: string = 'org.apache.kafka.connect.errors.DataException'
}
