import { describe, expect, it } from 'vitest'
import { toJsonText } from '../converters/json-text.js'
import { Float32, Float64 } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { one, runChain, sinkRecord } from './test-records.js'

const valueOut = (type: string, props: Record<string, string>, value: ConnectValue): string | undefined => {
  const out = runChain(one(type, props), sinkRecord(value))[0]
  return out === undefined ? undefined : toJsonText(out.value)
}

// expected key orders were produced by java.util.HashMap on Java 17 with the same puts
describe('field SMTs on schemaless values', () => {
  const cases: [string, string, Record<string, string>, ConnectValue, string][] = [
    ['InsertField adds topic, partition, offset, timestamp, static (Java HashMap order)', 'InsertField$Value',
      { 'topic.field': 'topic!', 'partition.field': 'p', 'offset.field': 'off?', 'timestamp.field': 'ts', 'static.field': 's', 'static.value': 'v' },
      { id: 1 }, '{"p":0,"topic":"orders","id":1,"s":"v","off":42,"ts":1704164645006}'],
    ['InsertField leaves tombstones alone', 'InsertField$Value', { 'static.field': 's', 'static.value': 'v' }, null, 'null'],
    ['ReplaceField excludes (winning over include) and renames', 'ReplaceField$Value',
      { include: 'a,b,c', exclude: 'c', renames: 'a:alpha' }, { a: 1, b: 2, c: 3, d: 4 }, '{"b":2,"alpha":1}'],
    ['MaskField zeroes by type, keeps nulls, adds missing as null', 'MaskField$Value', { fields: 'i,d,s,b,l,m,n,missing' },
      { i: 5, d: 2.5, s: 'x', b: true, l: [1], m: { a: 1 }, n: null }, '{"b":false,"s":"","d":0.0,"missing":null,"i":0,"l":[],"m":{},"n":null}'],
    ['MaskField replaces numbers and strings', 'MaskField$Value', { fields: 'i,s', replacement: '7' }, { i: 5, s: 'x' }, '{"i":7,"s":"7"}'],
    ['Cast converts fields', 'Cast$Value', { spec: 'a:string,b:int32,c:float64,d:boolean,e:float32' },
      { a: 12, b: '42', c: 3, d: 0, e: 1.1 }, '{"a":"12","b":42,"c":3.0,"d":false,"e":1.1}'],
    ['Cast wraps int8 like Java', 'Cast$Value', { spec: 'int8' }, 300, '44'],
    ['ExtractField takes a field', 'ExtractField$Value', { field: 'id' }, { id: 7, x: 1 }, '7'],
    ['ExtractField V2 follows dotted paths', 'ExtractField$Value', { field: 'a.b', 'field.syntax.version': 'V2' }, { a: { b: 'deep' } }, '"deep"'],
    ['ExtractField passes null through', 'ExtractField$Value', { field: 'id' }, null, 'null'],
    ['HoistField wraps the value', 'HoistField$Value', { field: 'line' }, 'hello', '{"line":"hello"}'],
    ['Flatten joins nested keys in order', 'Flatten$Value', { delimiter: '_' }, { a: { b: 1, c: { d: null } }, e: [1] }, '{"a_b":1,"a_c_d":null,"e":[1]}'],
    ['TimestampConverter formats a field', 'TimestampConverter$Value', { field: 'ts', 'target.type': 'string', format: "yyyy-MM-dd'T'HH:mm:ss.SSS" },
      { ts: 1704164645006 }, '{"ts":"2024-01-02T03:04:05.006"}'],
    ['TimestampConverter parses to unix seconds', 'TimestampConverter$Value', { 'target.type': 'unix', format: 'yyyy-MM-dd', 'unix.precision': 'seconds' },
      '2024-01-02', '1704153600'],
  ]
  it.each(cases)('%s', (_name, type, props, input, expected) => {
    expect(valueOut(type, props, input)).toBe(expected)
  })

  it.each<[string, Record<string, string>, ConnectValue, RegExp]>([
    ['InsertField$Value', { 'topic.field': 't' }, 'text', /Only Map objects supported in absence of schema for \[field insertion\], found: java.lang.String/],
    ['MaskField$Value', { fields: 'a' }, null, /\[mask fields\], found: null/],
    ['Cast$Value', { spec: 'a:int8' }, { a: 'x' }, /Value \(x\) was out of range/],
    ['Cast$Value', { spec: 'a:int32' }, { a: { b: 1 } }, /does not support casting from MAP/],
  ])('%s fails like Kafka Connect on bad input', (type, props, input, message) => {
    expect(() => valueOut(type, props, input)).toThrow(message)
  })

  it('keeps Java number kinds through Cast', () => {
    const out = runChain(one('Cast$Value', { spec: 'a:float64,b:float32' }), sinkRecord({ a: 1, b: 2 }))[0]?.value
    expect(out).toEqual({ a: new Float64(1), b: new Float32(2) })
  })

  it('rejects a config without insertions', () => {
    expect(() => valueOut('InsertField$Value', {}, {})).toThrow(/No field insertion configured/)
  })
})
