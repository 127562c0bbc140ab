import type { SinkConnector } from '../connectors/define-connector.js'
import type { TransformRef } from '../connectors/define-transform.js'
import type { ConnectorSettings, TopicOptions } from '../ir/nodes.js'
import type { CastType, TimestampTargetType, UnixPrecision } from '../ir/steps.js'
import type { Pipeline } from './pipeline.js'
import type { Predicate } from './predicate.js'
import type {
  CastResult, CastTs, FlattenResult, HeaderFromResult, InsertFieldOptions, InsertFieldResult,
  ReplaceFieldOptions, ReplaceFieldResult, TimestampFieldResult,
} from './step-types.js'
import type { FieldOf, PipeTypeError, Simplify } from './type-utils.js'

declare const untyped: unique symbol
/**
 * The record type of `topic('name')` without a type argument: takes the type of what is written.
 *
 * @example
 * ```ts
 * topic('lines') // Topic<Untyped>: takes the type of what is written to it
 * ```
 */
export interface Untyped {
  readonly [untyped]: true
}

/**
 * `T`, or `unknown` for an untyped topic.
 *
 * @example
 * ```ts
 * type R = Resolve<Untyped> // unknown
 * ```
 */
export type Resolve<T> = [T] extends [Untyped] ? unknown : T

/**
 * Which connector the steps belong to: before `.to()` the source's, after it the sink's.
 *
 * @example
 * ```ts
 * type S = Side // 'source' before .to(), 'topic' after
 * ```
 */
export type Side = 'source' | 'topic'

/**
 * A topic declared with `topic<T>(name, options)`; also the start of a sink-only pipeline.
 *
 * @example
 * ```ts
 * const tweets: Topic<Tweet> = topic<Tweet>('tweets', { partitions: 3 })
 * ```
 */
export interface Topic<T = Untyped> extends Stream<Resolve<T>, unknown, 'topic'> {
  readonly topicName: string
  readonly topicOptions: TopicOptions
  /** Phantom: the topic's record type. */
  readonly __topic?: (t: T) => T
}

/**
 * What `.to(topic)` accepts: a topic whose record type the stream's records are assignable to.
 *
 * @example
 * ```ts
 * source(file({ file: 'in' })).to(topic<number>('n')) // error: PipeTypeError<'the topic record type does not match ...'>
 * ```
 */
export type TopicCheck<V, T> = [T] extends [Untyped]
  ? unknown
  : [V] extends [T]
    ? unknown
    : PipeTypeError<'the topic record type does not match the stream record type: declare topic<T>() with the type of the records written to it'>

/**
 * What `.sink(connector)` accepts: a sink whose required fields the record has.
 *
 * @example
 * ```ts
 * tweets.sink(cassandra({ ..., columns: { t: 'title' } })) // error: PipeTypeError<'the sink needs field(s) title ...'>
 * ```
 */
export type SinkCheck<V, R> = [keyof R] extends [never]
  ? unknown
  : [V] extends [R]
    ? unknown
    : PipeTypeError<`the sink needs field(s) ${Exclude<keyof R, FieldOf<V>> & string} that the record type lacks`>

/**
 * A stream written to a topic: can be sunk, continued, or exported as a (source-only) pipeline.
 *
 * @example
 * ```ts
 * const t: TopicStream<Order> = source(datagen({ preset: 'orders' })).to(topic('orders'))
 * ```
 */
export type TopicStream<V, K = unknown> = Stream<V, K, 'topic'> & Pipeline

/**
 * A typed stream of records with value type `V` and key type `K`. Immutable: every step returns a
 * new stream, so one stream can fork.
 *
 * @example
 * ```ts
 * source(twitter({ bearerToken: env('TOKEN') }))
 *   .replaceField({ include: ['id', 'text', 'author_id'] })
 *   .to(topic('tweets'))
 * ```
 */
export interface Stream<V, K = unknown, S extends Side = Side> {
  /** Adds fields with the record's topic, partition, offset, timestamp or a static value (`InsertField$Value`). */
  insertField<const O extends InsertFieldOptions>(options: O): Stream<InsertFieldResult<V, O>, K, S>
  /** Keeps, drops and renames fields (`ReplaceField$Value`). */
  replaceField<const O extends ReplaceFieldOptions<FieldOf<V>>>(options: O): Stream<ReplaceFieldResult<V, O>, K, S>
  /** Replaces fields by their type's empty value or `replacement` (`MaskField$Value`). */
  maskField(fields: readonly FieldOf<V>[], replacement?: string): Stream<V, K, S>
  /** Casts fields to other primitive types (`Cast$Value`), e.g. `{ price: 'float64' }`. */
  cast<const C extends { readonly [P in FieldOf<V>]?: CastType }>(spec: C): Stream<CastResult<V, C>, K, S>
  /** Casts the whole value (`Cast$Value` with a single type). */
  castValue<const C extends CastType>(type: C): Stream<CastTs<C>, K, S>
  /** Converts a timestamp field (`TimestampConverter$Value`). */
  convertTimestamp<const F extends FieldOf<V>, const T extends TimestampTargetType>(options: {
    readonly field: F
    readonly targetType: T
    readonly format?: string
    readonly unixPrecision?: UnixPrecision
  }): Stream<TimestampFieldResult<V, F, T>, K, S>
  /** Renames the topic when the whole name matches `regex` (`RegexRouter`; Java `$1` syntax). */
  routeByRegex(regex: string, replacement: string): Stream<V, K, S>
  /** Renames the topic with the record timestamp (`TimestampRouter`). */
  routeByTimestamp(options?: { readonly topicFormat?: string; readonly timestampFormat?: string }): Stream<V, K, S>
  /** Makes the key from value fields (`ValueToKey`). */
  valueToKey<const F extends FieldOf<V>>(fields: readonly F[]): Stream<V, Simplify<Pick<V, F>>, S>
  /** Replaces the value by one of its fields (`ExtractField$Value`). */
  extractField<const F extends FieldOf<V>>(field: F): Stream<V[F], K, S>
  /** Wraps the value in an object with one field (`HoistField$Value`). */
  hoistField<const F extends string>(field: F): Stream<{ [P in F]: V }, K, S>
  /** Flattens nested objects into `a.b` fields (`Flatten$Value`). */
  flatten<const D extends string = '.'>(options?: { readonly delimiter?: D }): Stream<FlattenResult<V, D>, K, S>
  /** Copies or moves fields into headers (`HeaderFrom$Value`). */
  headerFrom<const F extends FieldOf<V>, const Op extends 'move' | 'copy'>(options: {
    readonly fields: readonly F[]
    readonly headers: readonly string[]
    readonly operation: Op
  }): Stream<HeaderFromResult<V, F, Op>, K, S>
  /** Adds a header with a literal value (`InsertHeader`). */
  insertHeader(header: string, value: string): Stream<V, K, S>
  /** Removes headers (`DropHeaders`). */
  dropHeaders(headers: readonly string[]): Stream<V, K, S>
  /**
   * Names the step just before it on Kafka Connect: `transforms=<alias>`, `transforms.<alias>.*`, and with
   * `{ predicate }` its predicate's `predicates=<alias>`. Without it pipe names them `<step>-<position>`.
   *
   * @example
   * ```ts
   * stream.maskField(['ssn']).as('mask').dropIf(recordIsTombstone()).as('dropTombstones', { predicate: 'isTombstone' })
   * ```
   */
  as(alias: string, options?: { readonly predicate?: string }): Stream<V, K, S>
  /** Drops records for which the predicate holds (`Filter` + predicate). */
  dropIf(predicate: Predicate): Stream<V, K, S>
  /** Keeps only records for which the predicate holds (`Filter` + negated predicate). */
  keepIf(predicate: Predicate): Stream<V, K, S>
  /** Applies portable steps only to records for which the predicate holds. */
  when<W, K2>(predicate: Predicate, steps: (stream: Stream<V, K, S>) => Stream<W, K2, S>): Stream<V | W, K | K2, S>
  /**
   * A plugin's SMT (a pulled module's factory, or `kafkaConnectTransform(className, config)`). pipe
   * does not know what it does to records: the stream's record type is `W`, `unknown` unless given.
   *
   * @example
   * ```ts
   * source(postgresConnector({ ... })).transform<Customer>(extractNewRecordState({ 'drop.tombstones': 'false' }))
   * ```
   */
  transform<W = unknown>(step: TransformRef): Stream<W, K, S>
  /** A TypeScript map (pipe runtime only). */
  map<W>(fn: (value: V) => W): Stream<W, K, S>
  /** A TypeScript filter (pipe runtime only). */
  filter<W extends V>(fn: (value: V) => value is W): Stream<W, K, S>
  /** A TypeScript filter (pipe runtime only). */
  filter(fn: (value: V) => boolean): Stream<V, K, S>
  /** A TypeScript flat map (pipe runtime only). */
  flatMap<W>(fn: (value: V) => Iterable<W>): Stream<W, K, S>
  /**
   * Writes the stream to a topic. From a source: the source connector's topic. From a topic: a
   * topic-to-topic connector.
   */
  to<T>(topic: Topic<T> & TopicCheck<V, T>): TopicStream<[T] extends [Untyped] ? V : T, K>
  /** Reads the topic into a sink connector (only after `.to()` or from `topic()`). */
  sink: S extends 'topic'
    ? <R>(connector: SinkConnector<R> & SinkCheck<V, R>, settings?: ConnectorSettings) => Pipeline
    : PipeTypeError<'call .to(topic(...)) before .sink(...)'>
}
