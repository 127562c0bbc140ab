import { describe, expect, it } from 'vitest'
import { Float32, Float64 } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import { STRING_SCHEMA } from '../records/connect-schema.js'
import { createConverter } from './create-converter.js'
import { javaDoubleToString } from '../java/java-format.js'
import { parseJsonText, toJsonText } from './json-text.js'

const text = (b: Uint8Array | null): string | null => (b === null ? null : Buffer.from(b).toString('utf8'))

describe('javaDoubleToString', () => {
  it.each([
    [1, '1.0'], [1.5, '1.5'], [0.001, '0.001'], [0.0001, '1.0E-4'], [1234567.5, '1234567.5'],
    [12345678.9, '1.23456789E7'], [1e21, '1.0E21'], [-2.5e-7, '-2.5E-7'], [0, '0.0'], [100, '100.0'],
  ])('formats %d as %s', (d, expected) => {
    expect(javaDoubleToString(d)).toBe(expected)
  })
})

describe('JSON text', () => {
  it.each<[string, string]>([
    ['{"a":1,"b":1.0,"c":"x"}', '{"a":1,"b":1.0,"c":"x"}'],
    ['{ "a" : [1, 2.50, 1e3] }', '{"a":[1,2.5,1000.0]}'],
    ['9007199254740993', '9007199254740993'],
    ['"\\u001f\\n\\\\u001f"', '"\\u001F\\n\\\\u001f"'],
    ['"héllo ☃"', '"héllo ☃"'],
    ['null', 'null'],
  ])('round-trips %s as Jackson writes it', (input, output) => {
    expect(toJsonText(parseJsonText(input))).toBe(output)
  })

  it('rejects malformed JSON', () => {
    expect(() => parseJsonText('{"a":1.0')).toThrow(SyntaxError)
  })

  // as Kafka Connect 3.9.1's JsonConverter (schemas.enable=false) reads and writes them, checked on its jar
  it.each<[string, string]>([
    ['{"g":1e400,"h":-1e400}', '{"g":"Infinity","h":"-Infinity"}'],
    ['{"c":-0.0,"d":-0,"z":-0e5,"t":-1E-400,"f":1E-400}', '{"c":0.0,"d":0,"z":0.0,"t":-0.0,"f":0.0}'],
    ['[12345678901234567890,9223372036854775808,18446744073709551617]', '[-6101065172474983726,-9223372036854775808,1]'],
    ['{"__proto__":{"polluted":1},"constructor":5}', '{"__proto__":{"polluted":1},"constructor":5}'],
    ['{"__proto__":{"polluted":1.0}}', '{"__proto__":{"polluted":1.0}}'],
  ])('reads %s and writes %s', (input, output) => {
    expect(toJsonText(parseJsonText(input))).toBe(output)
  })

  // Jackson's readTree reads the first value and stops: Kafka Connect 3.9.1 accepts these (checked on its jar)
  it.each<[string, string]>([
    ['', 'null'], ['  \n', 'null'], ['\uFEFF{"a":1}', '{"a":1}'], ['{"a":1} {"b":2}', '{"a":1}'], ['{"a":1.0} x', '{"a":1.0}'], ['[1]NaN', '[1]'], ['"s" 1', '"s"'], ['7 ', '7'],
  ])('reads the first value of %j as Kafka Connect does: %s', (input, output) => {
    const c = createConverter({ 'value.converter.schemas.enable': 'false' }, 'value')
    expect(toJsonText(c.toConnectData('t', Buffer.from(input)).value)).toBe(output)
  })

  it.each(['12x', 'truex', '{"a":1', ''])('refuses %j where Kafka Connect does', (input) => {
    const schemaless = createConverter({ 'value.converter.schemas.enable': 'false' }, 'value')
    const envelope = createConverter({}, 'value')
    if (input !== '') expect(() => schemaless.toConnectData('t', Buffer.from(input))).toThrow(/serialization error/)
    expect(() => envelope.toConnectData('t', Buffer.from(input))).toThrow()
  })

  it('writes NaN and the infinities as strings, as Jackson does', () => {
    expect(toJsonText({ a: NaN, b: Infinity, c: new Float32(-Infinity), d: [new Float32(NaN)] })).toBe('{"a":"NaN","b":"Infinity","c":"-Infinity","d":["NaN"]}')
  })

  it('keeps __proto__ a key: no parsed object gets another prototype', () => {
    for (const text of ['{"__proto__":{"polluted":1}}', '{"__proto__":{"polluted":1.5}}']) {
      const value = parseJsonText(text) as Record<string, unknown>
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
      expect(Object.keys(value)).toEqual(['__proto__'])
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    }
  })

  it('says where a text is malformed without quoting it', () => {
    expect(() => parseJsonText('{"secret":"s3cr3t","x":NaN}')).toThrow('invalid JSON: NaN and Infinity are not JSON numbers (found \'N\') at line 1, column 24')
    expect(() => parseJsonText('{"secret":"s3cr3t"')).toThrow(/^invalid JSON: unexpected end of input at line 1, column 19$/)
  })
})

describe('JsonConverter', () => {
  const cases: [string, Record<string, string>, ConnectValue, string | null][] = [
    ['schemaless map', { 'value.converter.schemas.enable': 'false' }, { id: 1, n: new Float64(2) }, '{"id":1,"n":2.0}'],
    ['envelope without schema', {}, { id: 1 }, '{"schema":null,"payload":{"id":1}}'],
    ['tombstone', {}, null, null],
    ['bytes as base64', { 'value.converter.schemas.enable': 'false' }, new Uint8Array([1, 2, 3]), '"AQID"'],
  ]
  it.each(cases)('writes %s', (_name, config, value, expected) => {
    const c = createConverter({ 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', ...config }, 'value')
    expect(text(c.fromConnectData('t', value, null))).toBe(expected)
  })

  it('writes a string schema envelope as FileStream source records get it', () => {
    const c = createConverter({}, 'value')
    expect(text(c.fromConnectData('t', 'line', STRING_SCHEMA))).toBe('{"schema":{"type":"string","optional":false},"payload":"line"}')
  })

  it('reads an envelope and rejects plain JSON when schemas are enabled', () => {
    const c = createConverter({}, 'value')
    const read = c.toConnectData('t', Buffer.from('{"schema":{"type":"string","optional":false},"payload":"x"}'))
    expect(read).toEqual({ schema: { type: 'string', optional: false }, value: 'x' })
    expect(() => c.toConnectData('t', Buffer.from('{"a":1}'))).toThrow(/requires "schema" and "payload"/)
  })
})

describe('StringConverter and ByteArrayConverter', () => {
  it.each<[ConnectValue, string]>([
    ['abc', 'abc'], [42, '42'], [1.5, '1.5'], [new Float64(3), '3.0'], [true, 'true'],
    [{ a: 1, b: 'x' }, '{a=1, b=x}'], [[1, 'a'], '[1, a]'],
  ])('StringConverter writes %j as %s', (value, expected) => {
    const c = createConverter({ 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }, 'value')
    expect(text(c.fromConnectData('t', value, null))).toBe(expected)
  })

  it('StringConverter encodes many values, multi-byte and long ones, each to its own UTF-8 bytes (views into shared buffers)', () => {
    const c = createConverter({ 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }, 'value')
    // 3 MiB of values: several shared buffers, values cut where one fills up; a lone surrogate; one value beyond the shared size
    const values = Array.from({ length: 15_000 }, (_, i) => (i % 3 === 0 ? `€ ${String(i)} ${'é'.repeat(i % 90)}` : i % 1000 === 1 ? `x\ud800y` : `line ${String(i)} ${'x'.repeat(i % 400)}`))
    values.push('long '.repeat(50_000), '')
    const encoded = values.map((v) => c.fromConnectData('t', v, null))
    encoded.forEach((bytes, i) => { expect(Buffer.from(bytes ?? []).equals(Buffer.from(values[i] ?? '', 'utf8'))).toBe(true) })
    expect(new Set(encoded.map((b) => b?.buffer)).size).toBeGreaterThan(3)
  })

  it('ByteArrayConverter passes bytes through and rejects other values', () => {
    const c = createConverter({ 'key.converter': 'org.apache.kafka.connect.converters.ByteArrayConverter' }, 'key')
    expect(c.fromConnectData('t', new Uint8Array([9]), null)).toEqual(new Uint8Array([9]))
    expect(() => c.fromConnectData('t', 'x', null)).toThrow(/not compatible/)
  })

  it('names the valid converters for an unknown class', () => {
    expect(() => createConverter({ 'value.converter': 'x.Nope' }, 'value')).toThrow(/unknown value.converter 'x.Nope'/)
  })
})
