import { describe, expectTypeOf, it } from 'vitest'
import { env } from '../builder/secret.js'
import { source, topic } from '../builder/source.js'
import type { Stream } from '../builder/stream.js'
import { postgresConnector } from '../testing/pulled-postgres.fixture.js'
import { extractNewRecordState, hasHeader } from '../testing/pulled-smt.fixture.js'
import { kafkaConnect } from './kafka-connect/kafka-connect.js'
import { kafkaConnectPredicate, kafkaConnectTransform } from './define-transform.js'

const base = { 'database.hostname': 'db', 'topic.prefix': 'shop' } as const

describe('pulled modules', () => {
  it('accept known keys with their types, and unknown keys', () => {
    postgresConnector({ ...base, 'database.port': 5432, 'database.password': env('PG'), 'plugin.name': 'pgoutput', 'slot.name': 'x' })
    extractNewRecordState({ 'route.by.field': 'f', 'delete.handling.mode': 'rewrite', 'some.future.key': true })
  })

  it('refuse a wrong type and a missing required key', () => {
    // @ts-expect-error a string for an INT key
    postgresConnector({ ...base, 'database.port': '5432' })
    // @ts-expect-error a value outside the recommended set
    postgresConnector({ ...base, 'plugin.name': 'wal2json' })
    // @ts-expect-error 'topic.prefix' is required
    postgresConnector({ 'database.hostname': 'db' })
    // @ts-expect-error a literal for a PASSWORD key
    postgresConnector({ ...base, 'database.password': 'hunter2' })
    // @ts-expect-error a number for a BOOLEAN key
    extractNewRecordState({ 'route.by.field': 'f', 'drop.tombstones': 1 })
    // @ts-expect-error 'route.by.field' is required
    extractNewRecordState({ 'drop.tombstones': true })
  })

  it('type the stream after a plugin step as unknown unless given', () => {
    const s = source(postgresConnector<{ id: number }>(base))
    expectTypeOf(s).toEqualTypeOf<Stream<{ id: number }, unknown, 'source'>>()
    expectTypeOf(s.transform(extractNewRecordState({ 'route.by.field': 'f' }))).toEqualTypeOf<Stream<unknown, unknown, 'source'>>()
    expectTypeOf(s.transform<{ name: string }>(extractNewRecordState({ 'route.by.field': 'f' }))).toEqualTypeOf<Stream<{ name: string }, unknown, 'source'>>()
    s.dropIf(hasHeader({ name: 'x' })).keepIf(kafkaConnectPredicate('com.acme.P', {}))
  })
})

describe('kafkaConnect()', () => {
  it('is usable as a source and as a sink', () => {
    const s = source(kafkaConnect<{ id: string }>('com.acme.Source', { 'a.b': 'c', 'db.password': env('P') }))
    expectTypeOf(s).toEqualTypeOf<Stream<{ id: string }, unknown, 'source'>>()
    s.transform(kafkaConnectTransform('com.acme.T', {})).to(topic('t')).sink(kafkaConnect('com.acme.Sink', { x: 'y' }))
    // @ts-expect-error config values are strings or placeholders
    kafkaConnect('com.acme.Sink', { 'batch.size': 5 })
  })
})
