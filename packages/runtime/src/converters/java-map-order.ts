import { isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { javaHashMap } from '../java/java-hash-map.js'

/** Reorders every map inside `value` as JsonConverter's `new HashMap<>()` would iterate it. */
export function toJavaOrder(value: ConnectValue): ConnectValue {
  if (Array.isArray(value)) return value.map((v: ConnectValue) => toJavaOrder(v))
  if (!isConnectMap(value)) return value
  return javaHashMap(Object.entries(value).map(([k, v]) => [k, toJavaOrder(v)] as const), { kind: 'default' })
}
