import { describe, expect, it } from 'vitest'
import { one, runChain, sinkRecord } from './test-records.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'

describe('record-level SMTs', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['whole-topic match', { regex: 'ord(.*)', replacement: 'x-$1' }, 'orders', 'x-ers'],
    ['no match keeps the topic', { regex: 'ord', replacement: 'x' }, 'orders', 'orders'],
  ])('RegexRouter: %s', (_name, props, topic, expected) => {
    expect(runChain(one('RegexRouter', props), sinkRecord(1, { topic }))[0]?.topic).toBe(expected)
  })

  it('TimestampRouter formats the UTC timestamp into the topic', () => {
    expect(runChain(one('TimestampRouter'), sinkRecord(1))[0]?.topic).toBe('orders-20240102')
    expect(runChain(one('TimestampRouter', { 'topic.format': 'a_${timestamp}_${topic}', 'timestamp.format': 'yyyy-MM' }), sinkRecord(1))[0]?.topic).toBe('a_2024-01_orders')
  })

  it('ValueToKey builds the key from value fields', () => {
    expect(runChain(one('ValueToKey', { fields: 'id,missing' }), sinkRecord({ id: 3, x: 1 }))[0]?.key).toEqual({ id: 3, missing: null })
  })

  it('InsertHeader, DropHeaders and HeaderFrom manage headers', () => {
    const inserted = runChain(one('InsertHeader', { header: 'h', 'value.literal': '42' }), sinkRecord(1))[0]
    expect(inserted?.headers).toEqual([{ key: 'h', value: 42 }])
    const dropped = runChain(one('DropHeaders', { headers: 'a,b' }), sinkRecord(1, { headers: [{ key: 'a', value: 1 }, { key: 'c', value: 2 }] }))[0]
    expect(dropped?.headers).toEqual([{ key: 'c', value: 2 }])
    const moved = runChain(one('HeaderFrom$Value', { fields: 'id', headers: 'h-id', operation: 'move' }), sinkRecord({ id: 9, x: 1 }))[0]
    expect(moved?.value).toEqual({ x: 1 })
    expect(moved?.headers).toEqual([{ key: 'h-id', value: 9 }])
  })

  it('Filter with a negated predicate drops the records that do not match', () => {
    const config: ConnectorConfig = {
      ...one('Filter'), 'transforms.t.predicate': 'isOrders', 'transforms.t.negate': 'true',
      predicates: 'isOrders', 'predicates.isOrders.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isOrders.pattern': 'ord.*',
    }
    expect(runChain(config, sinkRecord(1))).toHaveLength(1)
    expect(runChain(config, sinkRecord(1, { topic: 'other' }))).toHaveLength(0)
  })

  it.each<[string, Record<string, string>, boolean]>([
    ['HasHeaderKey', { name: 'h' }, true],
    ['RecordIsTombstone', {}, false],
  ])('predicate %s gates a transform', (predicate, props, applies) => {
    const config: Record<string, string> = {
      ...one('Filter'), 'transforms.t.predicate': 'p', predicates: 'p',
      'predicates.p.type': `org.apache.kafka.connect.transforms.predicates.${predicate}`,
    }
    for (const [k, v] of Object.entries(props)) config[`predicates.p.${k}`] = v
    expect(runChain(config, sinkRecord(1, { headers: [{ key: 'h', value: 'x' }] }))).toHaveLength(applies ? 0 : 1)
  })

  it('TypeScript steps map, filter and flat-map record values', () => {
    const steps = new Map<string, (v: never) => unknown>([
      ['p/map#0', (v: number) => v * 2],
      ['p/filter#0', (v: number) => v > 2],
      ['p/flat-map#0', (v: number) => [v, v + 1]],
    ])
    const config: ConnectorConfig = {
      transforms: 'm,f,fm',
      'transforms.m.type': 'pipe:map', 'transforms.m.ref': 'p/map#0',
      'transforms.f.type': 'pipe:filter', 'transforms.f.ref': 'p/filter#0',
      'transforms.fm.type': 'pipe:flat-map', 'transforms.fm.ref': 'p/flat-map#0',
    }
    expect(runChain(config, sinkRecord(2), steps).map((r) => r.value)).toEqual([4, 5])
    expect(runChain(config, sinkRecord(1), steps)).toEqual([])
  })

  it('names a missing step function', () => {
    expect(() => runChain({ transforms: 'm', 'transforms.m.type': 'pipe:map', 'transforms.m.ref': 'nope' }, sinkRecord(1))).toThrow(/no step function registered for ref 'nope'/)
  })
})
