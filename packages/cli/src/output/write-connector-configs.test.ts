import { describe, expect, it } from 'vitest'
import { formatDocument, outputDiagnostics } from './write-connector-configs.js'

describe('formatDocument', () => {
  it('sorts keys at every level and ends with a newline', () => {
    const text = formatDocument({ name: 'a-sink', config: { 'topics': 't', 'connector.class': 'X', 'errors.tolerance': 'none' } })
    expect(text).toBe('{\n  "config": {\n    "connector.class": "X",\n    "errors.tolerance": "none",\n    "topics": "t"\n  },\n  "name": "a-sink"\n}\n')
  })
})

describe('outputDiagnostics', () => {
  it('reports names that are no file names and two connectors for one file', () => {
    const codes = outputDiagnostics([
      { name: 'a', config: {} }, { name: 'A', config: {} }, { name: '../etc', config: {} },
    ]).map((d) => `${d.code} ${d.connector ?? ''}`)
    expect(codes).toEqual(['PIPE_OUTPUT_CONFLICT A', 'PIPE_OUTPUT_CONFLICT ../etc'])
  })
})
