import { describe, expect, it } from 'vitest'
import { parseConnectorConfig, sortKeys } from './artifact.js'

describe('parseConnectorConfig', () => {
  it('accepts a POST /connectors body and sorts its keys', () => {
    expect(parseConnectorConfig({ name: 'a', config: { 'tasks.max': '1', name: 'a' } })).toEqual({ name: 'a', config: { name: 'a', 'tasks.max': '1' } })
  })

  it('says what is wrong', () => {
    expect(() => parseConnectorConfig([])).toThrow('a connector config must be a JSON object')
    expect(() => parseConnectorConfig({ config: {} })).toThrow("a connector config needs a non-empty 'name'")
    expect(() => parseConnectorConfig({ name: 'a', config: { 'tasks.max': 1 } })).toThrow("config key 'tasks.max' of connector 'a' must be a string")
    expect(() => parseConnectorConfig({ name: 'a', config: { name: 'b' } })).toThrow("config.name 'b' differs from name 'a'")
  })
})

describe('sortKeys', () => {
  it('sorts by code point', () => {
    expect(Object.keys(sortKeys({ b: '', 'a.b': '', a: '', B: '' }))).toEqual(['B', 'a', 'a.b', 'b'])
  })
})
