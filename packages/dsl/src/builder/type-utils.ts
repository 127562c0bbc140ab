declare const pipeTypeError: unique symbol

/**
 * A readable type error: an argument that must be assignable to this type fails with the message
 * in the error text (Kysely idiom).
 *
 * @example
 * ```ts
 * type E = PipeTypeError<'sink needs field "id" that the record lacks'>
 * ```
 */
export interface PipeTypeError<Message extends string> {
  readonly [pipeTypeError]: Message
}

/**
 * Flattens intersections for readable hovers.
 *
 * @example
 * ```ts
 * type S = Simplify<{ a: 1 } & { b: 2 }> // { a: 1; b: 2 }
 * ```
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

/**
 * The string field names of a record type (never for non-objects).
 *
 * @example
 * ```ts
 * type F = FieldOf<{ id: string; n: number }> // 'id' | 'n'
 * ```
 */
export type FieldOf<V> = V extends readonly unknown[] ? never : V extends object ? keyof V & string : never

/** Turns a union into an intersection. */
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never
