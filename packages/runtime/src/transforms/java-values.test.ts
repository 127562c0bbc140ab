import { describe, expect, it } from 'vitest'
import { Float32, Float64 } from '../records/connect-value.js'
import { parseLiteral } from './header-smts.js'
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
