import { types } from 'cassandra-driver'
import { describe, expect, it } from 'vitest'
import { Float64 } from '../../records/connect-value.js'
import { baseType, incompatibility, toCql } from './cql-types.js'

describe('baseType', () => {
  it('strips frozen and type parameters', () => {
    expect(baseType('frozen<list<text>>')).toBe('list')
    expect(baseType('map<text, int>')).toBe('map')
    expect(baseType('BIGINT')).toBe('bigint')
  })
})

describe('incompatibility', () => {
  it('rejects counters and durations whatever the field', () => {
    expect(incompatibility('counter', undefined)).toMatch(/only be changed by UPDATE/)
    expect(incompatibility('duration', 'string')).toMatch(/not supported/)
  })

  it('checks a declared field kind against the column type', () => {
    expect(incompatibility('bigint', 'string')).toBeUndefined()
    expect(incompatibility('timestamp', 'number')).toBeUndefined()
    expect(incompatibility('list<text>', 'array')).toBeUndefined()
    expect(incompatibility('frozen<address>', 'object')).toBeUndefined()
    expect(incompatibility('int', 'boolean')).toBe('a boolean field cannot be written into a int column')
    expect(incompatibility('boolean', 'array')).toBe('a array field cannot be written into a boolean column')
  })
})

describe('toCql', () => {
  it('converts JSON-like values to what the driver encodes', () => {
    expect(toCql('1800000000000000001', 'bigint')).toEqual(types.Long.fromString('1800000000000000001'))
    expect(toCql(42, 'bigint')).toEqual(types.Long.fromNumber(42))
    expect(toCql('2026-01-01T00:00:01.000Z', 'timestamp')).toEqual(new Date('2026-01-01T00:00:01.000Z'))
    expect(toCql(1_767_225_601_000, 'timestamp')).toEqual(new Date(1_767_225_601_000))
    expect(toCql('7', 'int')).toBe(7)
    expect(toCql(new Float64(2), 'double')).toBe(2)
    expect(toCql({ a: 1 }, 'text')).toBe('{"a":1}')
    expect(toCql(12n, 'text')).toBe('12')
    expect(toCql('true', 'boolean')).toBe(true)
    expect(toCql([1, new Float64(2)], 'list<double>')).toEqual([1, 2])
  })

  it('leaves an absent field unset and writes null for null', () => {
    expect(toCql(undefined, 'text')).toBe(types.unset)
    expect(toCql(null, 'int')).toBeNull()
  })

  it('throws on a value the column type cannot hold', () => {
    expect(() => toCql('abc', 'int')).toThrow("'abc' is not a number")
    expect(() => toCql('yesterday', 'timestamp')).toThrow("'yesterday' is not a timestamp")
  })
})
