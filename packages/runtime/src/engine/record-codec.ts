import { CONVERTER_CLASSES, type ConnectorConfig } from '@pipe/dsl/contract'
import type { ConnectHeader, ConnectRecord, SinkRecord } from '../records/connect-record.js'
import { isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectSchema } from '../records/connect-schema.js'
import { markRawText } from '../converters/raw-text.js'
import type { Converter } from '../converters/converter.js'
import { createConverter, DEFAULT_CONVERTER } from '../converters/create-converter.js'
import { javaToString } from '../converters/java-to-string.js'
import { toJsonText } from '../converters/json-text.js'
import { parseLiteral } from '../transforms/header-smts.js'
import type { ConsumedMessage, MessageHeader, TopicMessage } from '../topics/topic-backend.js'
import { consumedRecordText, producedRecordText, StageError } from './error-policy.js'

const HEADER_CONVERTER = CONVERTER_CLASSES.simpleHeader

/** A connector's key and value converters (and their class names, for error reports). */
export interface RecordCodec {
  encode(record: ConnectRecord): TopicMessage
  decode(message: ConsumedMessage): SinkRecord
  /** True when a decoded value that is a string is the UTF-8 text of the message's value bytes. */
  readonly valueIsUtf8Text: boolean
  /**
   * As `decode` when `valueIsUtf8Text`, but the value is decoded when first read, and the record
   * carries the value's bytes (`markRawText`): for a task that writes those bytes as they are.
   */
  decodeRawText(message: ConsumedMessage & { readonly value: Uint8Array }): SinkRecord
}

/** A sink record whose value is the UTF-8 text of `bytes`, decoded on first read (at most once). */
class RawTextRecord implements SinkRecord {
  readonly originalTopic: string
  readonly originalKafkaPartition: number
  readonly originalKafkaOffset: number
  #value: string | undefined
  constructor(
    readonly topic: string, readonly kafkaPartition: number, readonly kafkaOffset: number, readonly key: ConnectValue, readonly keySchema: ConnectSchema | null,
    readonly valueSchema: ConnectSchema | null, readonly timestamp: number, readonly headers: readonly ConnectHeader[], readonly bytes: Uint8Array,
  ) {
    this.originalTopic = topic
    this.originalKafkaPartition = kafkaPartition
    this.originalKafkaOffset = kafkaOffset
    markRawText(this, bytes)
  }
  get value(): string {
    return (this.#value ??= Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8'))
  }
}

// SimpleHeaderConverter: strings as UTF-8 text, other values as their Values.convertToString form
function headerBytes(value: ConnectValue): Uint8Array | null {
  if (value === null) return null
  if (value instanceof Uint8Array) return value
  return Buffer.from(Array.isArray(value) || isConnectMap(value) ? toJsonText(value) : javaToString(value), 'utf8')
}

function headerValue(bytes: Uint8Array | null): ConnectValue {
  return bytes === null ? null : parseLiteral(Buffer.from(bytes).toString('utf8'))
}

const NO_MESSAGE_HEADERS: readonly MessageHeader[] = Object.freeze([])
const NO_RECORD_HEADERS: readonly ConnectHeader[] = Object.freeze([])

function encodeHeaders(headers: readonly ConnectHeader[]): readonly MessageHeader[] {
  return headers.length === 0 ? NO_MESSAGE_HEADERS : headers.map((h): MessageHeader => ({ key: h.key, value: headerBytes(h.value) }))
}

function decodeHeaders(headers: readonly MessageHeader[]): readonly ConnectHeader[] {
  return headers.length === 0 ? NO_RECORD_HEADERS : headers.map((h): ConnectHeader => ({ key: h.key, value: headerValue(h.value) }))
}

/** Builds the codec from `key.converter` / `value.converter` (+ prefixed options); JsonConverter by default. */
export function createRecordCodec(config: ConnectorConfig): RecordCodec {
  const keyClass = config['key.converter'] ?? DEFAULT_CONVERTER
  const valueClass = config['value.converter'] ?? DEFAULT_CONVERTER
  const key: Converter = createConverter(config, 'key')
  const value: Converter = createConverter(config, 'value')
  // the schema the value converter gives every value it decodes to text (StringConverter: an optional string)
  const textSchema = value.utf8Text === true ? value.toConnectData('', null).schema : null
  const stageFailure = (stage: StageError['stage'], error: unknown, m: ConsumedMessage): StageError =>
    new StageError(stage, stage === 'KEY_CONVERTER' ? keyClass : stage === 'VALUE_CONVERTER' ? valueClass : HEADER_CONVERTER, error, consumedRecordText(m))
  // runs for every record: plain try/catch per stage, no closure per call
  return {
    valueIsUtf8Text: value.utf8Text === true,
    decodeRawText(m) {
      let stage: StageError['stage'] = 'KEY_CONVERTER'
      try {
        const k = key.toConnectData(m.topic, m.key)
        stage = 'HEADER_CONVERTER'
        return new RawTextRecord(m.topic, m.partition, m.offset, k.value, k.schema, textSchema, m.timestamp, decodeHeaders(m.headers), m.value)
      } catch (error) {
        throw stageFailure(stage, error, m)
      }
    },
    encode(record) {
      let stage: StageError['stage'] = 'KEY_CONVERTER'
      try {
        const k = key.fromConnectData(record.topic, record.key, record.keySchema ?? null)
        stage = 'VALUE_CONVERTER'
        const v = value.fromConnectData(record.topic, record.value, record.valueSchema ?? null)
        stage = 'HEADER_CONVERTER'
        const headers = encodeHeaders(record.headers)
        return { topic: record.topic, partition: record.kafkaPartition, key: k, value: v, headers, timestamp: record.timestamp ?? Date.now() }
      } catch (error) {
        throw new StageError(stage, stage === 'KEY_CONVERTER' ? keyClass : stage === 'VALUE_CONVERTER' ? valueClass : HEADER_CONVERTER, error, producedRecordText(record))
      }
    },
    decode(m) {
      let stage: StageError['stage'] = 'KEY_CONVERTER'
      let k: ReturnType<Converter['toConnectData']>, v: ReturnType<Converter['toConnectData']>, headers: readonly ConnectHeader[]
      try {
        k = key.toConnectData(m.topic, m.key)
        stage = 'VALUE_CONVERTER'
        v = value.toConnectData(m.topic, m.value)
        stage = 'HEADER_CONVERTER'
        headers = decodeHeaders(m.headers)
      } catch (error) {
        throw stageFailure(stage, error, m)
      }
      return {
        topic: m.topic, kafkaPartition: m.partition, kafkaOffset: m.offset, key: k.value, keySchema: k.schema, value: v.value, valueSchema: v.schema,
        timestamp: m.timestamp, headers, originalTopic: m.topic, originalKafkaPartition: m.partition, originalKafkaOffset: m.offset,
      }
    },
  }
}
