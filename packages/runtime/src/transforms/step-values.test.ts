import { describe, expect, it } from 'vitest'
import { parseJsonText, toJsonText } from '../converters/json-text.js'
import { Float32, Float64 } from '../records/connect-value.js'
import { sinkRecord, runChain } from './test-records.js'
import type { StepFunction } from '../tasks/transformation.js'
import { toStepValue } from './step-values.js'

type Order = Record<string, unknown>
const chain = (type: string) => ({ transforms: 's', 'transforms.s.type': type, 'transforms.s.ref': 'p/s#0' })

/** Runs `step` as a `pipe:<type>` step on a record read from `json`; returns the JSON written for each output. */
function throughStep(type: 'map' | 'filter' | 'flat-map', json: string, step: (o: Order) => unknown): string[] {
  const steps = new Map<string, StepFunction>([['p/s#0', step]])
  return runChain(chain(`pipe:${type}`), sinkRecord(parseJsonText(json)), steps).map((r) => toJsonText(r.value))
}

describe('TypeScript steps', () => {
  it('see integral doubles as numbers: filter, map and JSON.stringify work', () => {
    const prices = ['{"price":10.0}', '{"price":7.0}', '{"price":1e2}', '{"price":2.5}', '{"price":3}']
    expect(prices.flatMap((p) => throughStep('filter', p, (o) => (o['price'] as number) >= 5))).toEqual(['{"price":10.0}', '{"price":7.0}', '{"price":100.0}'])
    expect(throughStep('map', '{"quantity":4.0}', (o) => (o['quantity'] as number) * 2)).toEqual(['8'])
    expect(throughStep('map', '{"price":10.0,"n":[1.0,2.5]}', (o) => JSON.stringify(o))).toEqual(['"{\\"price\\":10,\\"n\\":[1,2.5]}"'])
  })

  it('see a long beyond 2^53 as the nearest number, and a float32 as a number', () => {
    expect(toStepValue(parseJsonText('{"id":9007199254740993}'))).toEqual({ id: 9007199254740992 })
    expect(typeof (toStepValue({ f: new Float32(1.5) }) as Order)['f']).toBe('number')
  })

  it('write what they pass through unchanged with its Connect type, and new numbers as JS numbers', () => {
    const json = '{"id":9007199254740993,"price":10.0,"qty":3,"tags":[1.0,2],"deep":{"x":2.0}}'
    expect(throughStep('map', json, (o) => ({ ...o, total: (o['price'] as number) * (o['qty'] as number) }))).toEqual([
      '{"id":9007199254740993,"price":10.0,"qty":3,"tags":[1.0,2],"deep":{"x":2.0},"total":30}',
    ])
    expect(throughStep('map', json, (o) => ({ price: (o['price'] as number) + 1 }))).toEqual(['{"price":11}'])
    expect(throughStep('flat-map', '{"a":1.0,"b":2.5}', (o) => [o, o])).toEqual(['{"a":1.0,"b":2.5}', '{"a":1.0,"b":2.5}'])
  })

  it('keep the record value untouched and pass a value without markers as the same object', () => {
    const value = parseJsonText('{"price":10.0}')
    const seen: unknown[] = []
    throughStep('filter', '{"price":10.0}', (o) => seen.push(o))
    expect(value).toEqual({ price: new Float64(10) })
    const plain = { a: 1, b: [1, 'x'] }
    expect(toStepValue(plain)).toBe(plain)
  })

  it('keep a __proto__ key as a key', () => {
    expect(throughStep('map', '{"__proto__":{"p":1.0},"constructor":5}', (o) => ({ ...o }))).toEqual(['{"__proto__":{"p":1.0},"constructor":5}'])
    expect(throughStep('map', '{"__proto__":{"p":1.0}}', (o) => Object.getPrototypeOf(o) === Object.prototype)).toEqual(['true'])
  })
})
