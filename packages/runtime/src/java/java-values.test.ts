import { describe, expect, it } from 'vitest'
import { javaDoubleToString, javaFloatToString } from './java-format.js'
import { Float32, Float64 } from '../records/connect-value.js'
import { parseLiteral } from '../transforms/header-smts.js'
import { convertToString, parseString } from './java-values.js'

const roundTrip = (text: string): string | null => {
  const parsed = parseString(text)
  return parsed === null ? null : convertToString(parsed.value)
}

describe('Values.parseString / convertToString (header literals)', () => {
  it.each([
    ['1.50', '1.5'], ['1e3', '1000'], [' 7 ', '7'], ['2.0', '2'], ['-128', '-128'], ['0.1', '0.1'],
    ['123456789012345678901', '123456789012345678901'], ['1e400', '1E+400'],
    ['[1, 2,3]', '[1,2,3]'], ['[1, 2.5, -3]', '[1.0,2.5,-3.0]'], ['{"a": 1, "b":"x"}', '{"a":1,"b":"x"}'],
    ['{"k": [1, {"z": true}]}', '{"k":[1,{"z":true}]}'], ['["x\\"y", null]', '["x\\\\\\"y",null]'],
    ['[a, b]', '[a, b]'], ['true}', 'true}'], ['a:b', 'a:b'], ['', ''], ['  ', '  '], ['"q"', '"q"'],
    ['2024-01-02', '2024-01-02'], ['2024-13-45', '2025-02-14'], ['12:34:56.789Z', '12:34:56.789Z'],
    ['2024-01-02T03:04:05.006Z', '2024-01-02T03:04:05.006Z'], ['[1,2', '[1,2'],
  ])('%j is written back as %j', (literal, expected) => {
    expect(roundTrip(literal)).toBe(expected)
  })

  it('reads null as no value', () => {
    expect(parseString('null')).toBeNull()
  })

  it('keeps booleans and numbers typed as header values, the rest as Java text', () => {
    expect(parseLiteral(' true ')).toBe(true)
    expect(parseLiteral('42')).toBe(42)
    expect(parseLiteral('9007199254740993')).toBe(9007199254740993n)
    expect(parseLiteral('1.50')).toEqual(new Float32(1.5))
    expect(parseLiteral('1.5e39')).toEqual(new Float64(1.5e39))
    expect(parseLiteral('[1, 2]')).toBe('[1,2]')
    expect(parseLiteral('hello, world')).toBe('hello, world')
  })
})

describe('JDK 17 float and double text (header values, JSON numbers)', () => {
  it.each([
    ['123456789.5', '1.23456792E8'], ['16777216.5', '1.6777216E7'], ['3.5e38', '3.5E38'], ['1e-5', '1.0E-5'], ['0.1', '0.1'],
    ['3.14159265358979', '3.1415927'], ['1.5e39', '1.5E39'],
  ])('%s is written back as %s', (literal, expected) => {
    expect(roundTrip(literal)).toBe(expected)
  })

  it('prints integral doubles beyond 2^53 from their exact digits, as JDK 17 does', () => {
    expect(javaDoubleToString(2.82879384806159e17)).toBe('2.82879384806159008E17')
    expect(javaDoubleToString(1e16)).toBe('1.0E16')
    expect(javaDoubleToString(-9007199254740994)).toBe('-9.007199254740994E15')
    expect(javaFloatToString(-16777218)).toBe('-1.6777218E7')
  })
})
