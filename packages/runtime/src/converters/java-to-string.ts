import { Float32, Float64, isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { isIntegral, javaDoubleToString, javaFloatToString } from '../java/java-format.js'

/** Java's `String.valueOf(value)` for schemaless Connect values (StringConverter, FileStreamSink). */
export function javaToString(value: ConnectValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (typeof value === 'number') return isIntegral(value) ? String(value) : javaDoubleToString(value)
  if (value instanceof Float64) return javaDoubleToString(value.value)
  if (value instanceof Float32) return javaFloatToString(value.value)
  if (value instanceof Uint8Array) return `[B@${(value.length * 2654435761 >>> 0).toString(16)}`
  if (Array.isArray(value)) return `[${value.map((v: ConnectValue) => javaToString(v)).join(', ')}]`
  if (isConnectMap(value)) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`
  }
  return 'null'
}
