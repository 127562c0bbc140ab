import type { ConnectValue } from '../records/connect-value.js'
import { isConnectMap } from '../records/connect-value.js'
import type { ConnectSchema } from '../records/connect-schema.js'
import { schemaJson } from './schema-json.js'
import type { Converter, SchemaAndValue } from './converter.js'
import { ConversionError } from './converter.js'
import { parseJsonText, toJsonText } from './json-text.js'
import { toJavaOrder } from './java-map-order.js'

const ENVELOPE_ERROR =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.'

/** `org.apache.kafka.connect.json.JsonConverter`; `schemas.enable` defaults to true as in Kafka Connect. */
export function jsonConverter(config: Readonly<Record<string, string>> = {}): Converter {
  const schemasEnabled = (config['schemas.enable'] ?? 'true').trim().toLowerCase() !== 'false'
  return {
    fromConnectData: (_topic, value, schema) => {
      if (value === null && (schema === null || !schemasEnabled)) return null
      const payload = toJsonText(value)
      const text = schemasEnabled ? `{"schema":${schema === null ? 'null' : schemaJson(schema)},"payload":${payload}}` : payload
      return Buffer.from(text, 'utf8')
    },
    toConnectData: (_topic, bytes) => (bytes === null ? { schema: null, value: null } : read(bytes, schemasEnabled)),
  }
}

function read(bytes: Uint8Array, schemasEnabled: boolean): SchemaAndValue {
  let parsed: ConnectValue
  try {
    parsed = parseJsonText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  } catch (error) {
    throw new ConversionError('Converting byte[] to Kafka Connect data failed due to serialization error: ', { cause: error })
  }
  // schemaless maps are java.util.HashMaps in Kafka Connect: keep their iteration order
  if (!schemasEnabled) return { schema: null, value: toJavaOrder(parsed) }
  if (!isConnectMap(parsed) || Object.keys(parsed).length !== 2 || !Object.hasOwn(parsed, 'schema') || !Object.hasOwn(parsed, 'payload')) {
    throw new ConversionError(ENVELOPE_ERROR)
  }
  const schema = toSchema(parsed['schema'] ?? null)
  const payload = parsed['payload'] ?? null
  return { schema, value: schema?.type === 'struct' ? payload : toJavaOrder(payload) }
}

function toSchema(json: ConnectValue): ConnectSchema | null {
  if (!isConnectMap(json)) return null
  const type = json['type']
  if (typeof type !== 'string') throw new ConversionError('Schema must contain \'type\' field')
  const fields = json['fields']
  const base = { type: type as ConnectSchema['type'], optional: json['optional'] === true }
  const name = json['name']
  const version = json['version']
  const parameters = json['parameters']
  const withName: ConnectSchema = {
    ...base,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof version === 'number' ? { version } : {}),
    // Kafka Connect keeps a schema's parameters (Decimal's scale, Debezium's enum values)
    ...(isConnectMap(parameters) ? { parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, typeof v === 'string' ? v : toJsonText(v)])) } : {}),
  }
  if (!Array.isArray(fields)) return withName
  const structFields = fields.filter(isConnectMap).map((f) => ({
    field: typeof f['field'] === 'string' ? f['field'] : '',
    schema: toSchema(f) ?? { type: 'string', optional: true },
  }))
  return { ...withName, fields: structFields }
}
