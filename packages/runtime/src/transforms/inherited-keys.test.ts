import { describe, expect, it } from 'vitest'
import { toJsonText } from '../converters/json-text.js'
import { javaToString } from '../converters/java-to-string.js'
import { one, runChain, sinkRecord } from './test-records.js'

// fields named like Object.prototype members are absent from {"a":1}: Kafka Connect 3.9.1 answers
// these (checked on its jar), never with an inherited function
describe('SMTs on fields named like Object.prototype members', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['ValueToKey', { fields: 'constructor' }, '{"constructor":null}', '{"a":1}'],
    ['ExtractField$Value', { field: 'constructor' }, 'null', 'null'],
    ['Cast$Value', { spec: 'constructor:string' }, 'null', '{"constructor":null,"a":1}'],
    ['MaskField$Value', { fields: 'toString' }, 'null', '{"a":1,"toString":null}'],
    ['TimestampConverter$Value', { field: 'constructor', 'target.type': 'string', format: 'yyyy' }, 'null', '{"constructor":null,"a":1}'],
  ])('%s', (type, props, key, value) => {
    const [out] = runChain(one(type, props), sinkRecord({ a: 1 }))
    expect([toJsonText(out?.key ?? null), toJsonText(out?.value ?? null)]).toEqual([key, value])
  })

  it('HeaderFrom copies an absent field as a null header', () => {
    const [out] = runChain(one('HeaderFrom$Value', { fields: 'constructor', headers: 'h', operation: 'copy' }), sinkRecord({ a: 1 }))
    expect(out?.headers.map((h) => [h.key, javaToString(h.value)])).toEqual([['h', 'null']])
  })

  it('TimestampConverter refuses unix.precision=constructor as an invalid value', () => {
    expect(() => runChain(one('TimestampConverter$Value', { 'target.type': 'string', 'unix.precision': 'constructor' }), sinkRecord(1))).toThrow(/Invalid value constructor for configuration unix.precision/)
  })
})
