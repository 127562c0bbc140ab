import type { CastType, TimestampTargetType } from '../ir/steps.js'
import type { FieldOf, Simplify, UnionToIntersection } from './type-utils.js'

/**
 * Options of `.insertField()`: each names a field to add (Kafka Connect `InsertField$Value`).
 *
 * @example
 * ```ts
 * stream.insertField({ topic: 'source_topic', timestamp: 'ingested_at', static: { field: 'origin', value: 'x' } })
 * ```
 */
export interface InsertFieldOptions {
  /** `topic.field`: the record's topic. */
  readonly topic?: string
  /** `partition.field`: the record's partition. */
  readonly partition?: string
  /** `offset.field`: the record's offset (sink side only). */
  readonly offset?: string
  /** `timestamp.field`: the record's timestamp (epoch ms). */
  readonly timestamp?: string
  /** `static.field` + `static.value`. */
  readonly static?: { readonly field: string; readonly value: string }
}

type Named<O, K extends string, T> = O extends { readonly [P in K]: infer F extends string } ? { [P in F]: T } : unknown
type StaticOf<O> = O extends { readonly static: { readonly field: infer F extends string } } ? { [P in F]: string } : unknown

/**
 * The record after `InsertField`.
 *
 * @example
 * ```ts
 * type R = InsertFieldResult<{ id: string }, { timestamp: 'ts' }> // { id: string; ts: number }
 * ```
 */
export type InsertFieldResult<V, O extends InsertFieldOptions> = Simplify<
  V & Named<O, 'topic', string> & Named<O, 'partition', number> & Named<O, 'offset', number> &
    Named<O, 'timestamp', number> & StaticOf<O>
>

/**
 * Options of `.replaceField()` (Kafka Connect `ReplaceField$Value`).
 *
 * @example
 * ```ts
 * stream.replaceField({ include: ['id', 'price'], renames: { price: 'amount' } })
 * ```
 */
export interface ReplaceFieldOptions<F extends string> {
  /** Keep only these fields. */
  readonly include?: readonly F[]
  /** Drop these fields (wins over include). */
  readonly exclude?: readonly F[]
  /** Rename fields: `{ old: 'new' }`. */
  readonly renames?: { readonly [P in F]?: string }
}

type Included<V, O> = O extends { readonly include: readonly (infer I)[] } ? Pick<V, I & keyof V> : V
type Excluded<V, O> = O extends { readonly exclude: readonly (infer E)[] } ? Omit<V, E & keyof V> : V
type Renamed<V, O> = O extends { readonly renames: infer R }
  ? { [K in keyof V as K extends keyof R ? (R[K] extends string ? R[K] : K) : K]: V[K] }
  : V

/**
 * The record after `ReplaceField`: include, then exclude, then renames.
 *
 * @example
 * ```ts
 * type R = ReplaceFieldResult<{ a: 1; b: 2 }, { exclude: ['b']; renames: { a: 'x' } }> // { x: 1 }
 * ```
 */
export type ReplaceFieldResult<V, O> = Simplify<Renamed<Excluded<Included<V, O>, O>, O>>

/**
 * The TypeScript type of a Kafka Connect cast type.
 *
 * @example
 * ```ts
 * type N = CastTs<'int32'> // number
 * ```
 */
export type CastTs<C extends CastType> = C extends 'boolean' ? boolean : C extends 'string' ? string : number

/**
 * The record after `Cast$Value` with a per-field spec.
 *
 * @example
 * ```ts
 * type R = CastResult<{ n: string }, { n: 'int64' }> // { n: number }
 * ```
 */
export type CastResult<V, S> = Simplify<{ [K in keyof V]: K extends keyof S ? (S[K] extends CastType ? CastTs<S[K]> : V[K]) : V[K] }>

/**
 * The TypeScript type of a timestamp target type.
 *
 * @example
 * ```ts
 * type T = TimestampTs<'unix'> // number
 * ```
 */
export type TimestampTs<T extends TimestampTargetType> = T extends 'string' ? string : T extends 'unix' ? number : Date

/**
 * The record after `TimestampConverter$Value` on one field.
 *
 * @example
 * ```ts
 * type R = TimestampFieldResult<{ at: number }, 'at', 'string'> // { at: string }
 * ```
 */
export type TimestampFieldResult<V, F extends keyof V, T extends TimestampTargetType> = Simplify<
  { [K in keyof V]: K extends F ? TimestampTs<T> : V[K] }
>

type IsLeaf<T> = T extends readonly unknown[] ? true : T extends Date ? true : T extends object ? false : true
type FlattenInner<T, D extends string, P extends string> = {
  [K in keyof T & string]: IsLeaf<T[K]> extends true
    ? { [Q in `${P}${K}`]: T[K] }
    : FlattenInner<NonNullable<T[K]>, D, `${P}${K}${D}`>
}[keyof T & string]

/**
 * The record after `Flatten$Value` with delimiter `D`: nested fields become `a.b` fields.
 *
 * @example
 * ```ts
 * type R = FlattenResult<{ a: { b: number } }, '_'> // { a_b: number }
 * ```
 */
export type FlattenResult<V, D extends string = '.'> = Simplify<UnionToIntersection<FlattenInner<V, D, ''>>>

/**
 * The record after `HeaderFrom$Value`: `move` removes the fields, `copy` keeps them.
 *
 * @example
 * ```ts
 * type R = HeaderFromResult<{ id: string; x: number }, 'x', 'move'> // { id: string }
 * ```
 */
export type HeaderFromResult<V, F extends FieldOf<V>, Op extends 'move' | 'copy'> = Op extends 'move'
  ? Simplify<Omit<V, F>>
  : V
