import { describe, expectTypeOf, it } from 'vitest'
import { cassandra } from '../connectors/cassandra/cassandra-sink.js'
import { datagen, type Order, type User } from '../connectors/datagen/datagen-source.js'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { jdbc } from '../connectors/jdbc/jdbc-sink.js'
import { twitter, type Tweet } from '../connectors/twitter/twitter-source.js'
import type { Pipeline } from './pipeline.js'
import { hasHeaderKey } from './predicate.js'
import { env } from './secret.js'
import { source, topic } from './source.js'
import type { Stream } from './stream.js'

/** The record value type of a stream. */
type ValueOf<S> = S extends { map: (fn: (value: infer V) => unknown) => unknown } ? V : never
/** The record key type of a stream. */
type KeyOf<S> = S extends Stream<unknown, infer K> ? K : never
/** Type-level only: the record value of a stream (never called). */
declare function valueOf<S>(stream: S): ValueOf<S>

const tweets = source(twitter({ bearerToken: env('T'), rules: ['x'] }))
const orders = source(datagen({ preset: 'orders' }))
const users = source(datagen({ preset: 'users' }))
const columns = { contactPoints: ['h:9042'], keyspace: 'k', table: 't' } as const

describe('acceptance: wrong pipelines fail to compile, their twins compile', () => {
  it('a topic of the wrong record type', () => {
    // @ts-expect-error -- the topic carries orders, the stream carries tweets
    tweets.to(topic<Order>('tweets'))
    expectTypeOf(tweets.to(topic<Tweet>('tweets'))).toExtend<Pipeline>()
    expectTypeOf<ValueOf<ReturnType<typeof tweets.to<Tweet>>>>().toEqualTypeOf<Tweet>()
  })

  it('a sink column naming a field the record lacks', () => {
    // @ts-expect-error -- tweets have no field 'title'
    tweets.to(topic('tweets')).sink(cassandra({ ...columns, columns: { id: 'id', title: 'title' } }))
    expectTypeOf(tweets.to(topic('tweets')).sink(cassandra({ ...columns, columns: { id: 'id', body: 'text' } }))).toEqualTypeOf<Pipeline>()
  })

  it('a transform dropping a field a later step uses', () => {
    // @ts-expect-error -- 'text' was excluded by replaceField
    tweets.replaceField({ exclude: ['text'] }).maskField(['text'])
    tweets.replaceField({ exclude: ['lang'] }).maskField(['text'])
    // @ts-expect-error -- 'author_id' was dropped before the sink that needs it
    tweets.replaceField({ include: ['id', 'text'] }).to(topic('t')).sink(cassandra({ ...columns, columns: { a: 'author_id' } }))
    tweets.replaceField({ include: ['id', 'author_id'] }).to(topic('t')).sink(cassandra({ ...columns, columns: { a: 'author_id' } }))
  })

  it('a sink-only pipeline on a typed topic checks primary keys', () => {
    // @ts-expect-error -- orders have no field 'id'
    topic<Order>('orders').sink(jdbc({ url: 'j', username: 'u', password: env('P'), primaryKeyFields: ['id'] }))
    topic<Order>('orders').sink(jdbc({ url: 'j', username: 'u', password: env('P'), primaryKeyFields: ['order_id'] }))
  })

  it('.sink() before .to()', () => {
    // @ts-expect-error -- a source stream has no sink yet
    tweets.sink(fileSink({ file: 'o' }))
  })
})

describe('every SMT step computes its output type from its input type', () => {
  it('insertField adds typed fields', () => {
    expectTypeOf<ValueOf<ReturnType<typeof orders.insertField<{ topic: 'tp'; timestamp: 'ts'; static: { field: 's'; value: 'v' } }>>>>()
      .toEqualTypeOf<Order & { tp: string; ts: number; s: string } extends infer X ? { [K in keyof X]: X[K] } : never>()
  })

  it('replaceField includes, excludes and renames', () => {
    const s = orders.replaceField({ include: ['order_id', 'price', 'item'], exclude: ['item'], renames: { price: 'amount' } })
    expectTypeOf(valueOf(s)).toEqualTypeOf<{ readonly order_id: number; readonly amount: number }>()
  })

  it('maskField, routers, headers and filters keep the type', () => {
    const s = orders.maskField(['item']).routeByRegex('a', 'b').routeByTimestamp().insertHeader('h', 'v').dropHeaders(['h']).dropIf(hasHeaderKey('x')).keepIf(hasHeaderKey('y'))
    expectTypeOf(valueOf(s)).toEqualTypeOf<Order>()
  })

  it('cast and castValue change field and value types', () => {
    expectTypeOf<ValueOf<ReturnType<typeof orders.cast<{ price: 'string'; quantity: 'boolean' }>>>['price']>().toEqualTypeOf<string>()
    expectTypeOf<ValueOf<ReturnType<typeof orders.cast<{ quantity: 'boolean' }>>>['quantity']>().toEqualTypeOf<boolean>()
    expectTypeOf<ValueOf<ReturnType<typeof orders.castValue<'string'>>>>().toEqualTypeOf<string>()
  })

  it('convertTimestamp changes the field type by target type', () => {
    const s = orders.convertTimestamp({ field: 'ordered_at', targetType: 'string', format: 'yyyy' })
    expectTypeOf(valueOf(s).ordered_at).toEqualTypeOf<string>()
    expectTypeOf<ValueOf<ReturnType<typeof orders.convertTimestamp<'ordered_at', 'Timestamp'>>>['ordered_at']>().toEqualTypeOf<Date>()
  })

  it('valueToKey types the key', () => {
    expectTypeOf<KeyOf<ReturnType<typeof orders.valueToKey<'order_id'>>>>().toEqualTypeOf<{ readonly order_id: number }>()
  })

  it('extractField and hoistField unwrap and wrap', () => {
    expectTypeOf<ValueOf<ReturnType<typeof orders.extractField<'price'>>>>().toEqualTypeOf<number>()
    expectTypeOf<ValueOf<ReturnType<typeof orders.hoistField<'order'>>>>().toEqualTypeOf<{ order: Order }>()
  })

  it('flatten joins nested names with the delimiter', () => {
    const s = users.flatten({ delimiter: '_' })
    expectTypeOf(valueOf(s).address_city).toEqualTypeOf<string>()
    expectTypeOf(valueOf(s)).not.toHaveProperty('address')
    expectTypeOf<ValueOf<ReturnType<typeof users.flatten>>['address.zip']>().toEqualTypeOf<string>()
  })

  it('headerFrom move removes the fields, copy keeps them', () => {
    const moved = users.headerFrom({ fields: ['email'], headers: ['e'], operation: 'move' })
    expectTypeOf(valueOf(moved)).not.toHaveProperty('email')
    const copied = users.headerFrom({ fields: ['email'], headers: ['e'], operation: 'copy' })
    expectTypeOf(valueOf(copied)).toEqualTypeOf<User>()
  })

  it('when() yields the union of both branches', () => {
    const s = orders.when(hasHeaderKey('x'), (o) => o.extractField('price'))
    expectTypeOf(valueOf(s)).toEqualTypeOf<Order | number>()
  })

  it('TypeScript steps type their results', () => {
    expectTypeOf<ValueOf<ReturnType<typeof orders.map<string>>>>().toEqualTypeOf<string>()
    const lines = source(file({ file: 'x' })).flatMap((l) => l.split(' ')).filter((w): w is 'a' => w === 'a')
    expectTypeOf(valueOf(lines)).toEqualTypeOf<'a'>()
  })
})
