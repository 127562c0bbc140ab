// The values and schemas of Kafka Connect's `Values` (see java-values.ts).

export type Kind = 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64' | 'BOOLEAN' | 'STRING' | 'BYTES' | 'ARRAY' | 'MAP'
export type Logical = 'Date' | 'Time' | 'Timestamp' | 'Decimal'

/** The part of a Connect schema that parsing infers. */
export interface JSchema {
  readonly type: Kind
  readonly name?: Logical
  readonly item?: JSchema
  readonly key?: JSchema
  readonly value?: JSchema
}

/** A Java value as `Values` holds it. */
export type JavaValue =
  | null
  | boolean
  | string
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float32' | 'float64'; readonly value: number }
  | { readonly kind: 'decimal'; readonly unscaled: bigint; readonly scale: number }
  | { readonly kind: 'date'; readonly millis: number }
  | { readonly kind: 'list'; readonly items: readonly JavaValue[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [JavaValue, JavaValue])[] }

/** What parsing returns: a schema and a value (Java's `SchemaAndValue`). */
export interface JavaSchemaAndValue {
  readonly schema: JSchema
  readonly value: JavaValue
}

/** A token or value the parser cannot read; parsing backtracks or falls back to text. */
export class ParseFailure extends Error {}

export const DAY = 86_400_000
