/**
 * A schemaless Kafka Connect value, as a converter produces it and an SMT sees it.
 *
 * - `number` holds int64 values that are safe integers, and float64 values that are not integral;
 * - `Float64` marks a float64 whose value is integral (JSON `1.0`), so it serializes back as Kafka
 *   Connect does (`1.0`), not as `1`;
 * - `Float32` marks a float32 (Cast to float32), written as Java's `Float.toString`;
 * - `bigint` holds int64 values beyond 2^53;
 * - `Uint8Array` holds bytes (ByteArrayConverter, base64 in JSON);
 * - objects are Kafka Connect maps with string keys, arrays are lists.
 */
export type ConnectValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Float64
  | Float32
  | readonly ConnectValue[]
  | ConnectMap

/** A schemaless map (Kafka Connect `Map<String, Object>`). Key order is kept. */
export interface ConnectMap {
  readonly [key: string]: ConnectValue
}

/** A float64 value that must serialize with a fraction or exponent (Java `Double`). */
export class Float64 {
  constructor(readonly value: number) {}
}

/** A float32 value (Java `Float`), from Cast `float32`. */
export class Float32 {
  readonly value: number
  constructor(value: number) {
    this.value = Math.fround(value)
  }
}

/** True when `value` is a Kafka Connect map (a plain object, not a list, bytes or float marker). */
export function isConnectMap(value: ConnectValue | undefined): value is ConnectMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Float64) &&
    !(value instanceof Float32)
  )
}
