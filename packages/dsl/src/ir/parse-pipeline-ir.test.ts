import { describe, expect, it } from 'vitest'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { FIXTURES } from '../testing/pipelines.fixture.js'
import { parsePipelineIR } from './parse-pipeline-ir.js'

describe('parsePipelineIR', () => {
  it('accepts every fixture after a JSON round trip', () => {
    for (const [name, make] of Object.entries(FIXTURES)) {
      const ir = toPipelineIR(make(), { defaultName: name })
      expect(parsePipelineIR(JSON.parse(JSON.stringify(ir)))).toEqual(ir)
    }
  })

  it('says what is wrong with a malformed IR', () => {
    expect(() => parsePipelineIR([])).toThrow('the IR must be a JSON object')
    expect(() => parsePipelineIR({ schemaVersion: 2 })).toThrow('unsupported IR schema version 2 (expected 1)')
    expect(() => parsePipelineIR({ schemaVersion: 1, name: 'p', nodes: [{ kind: 'pipe', id: 'n0' }], edges: [] })).toThrow(/nodes\[0\]\.kind must be one of/)
    expect(() => parsePipelineIR({ schemaVersion: 1, name: 'p', nodes: [{ kind: 'topic', id: 'n0' }], edges: [] })).toThrow("nodes[0] (topic) is missing 'topic'")
    expect(() => parsePipelineIR({ schemaVersion: 1, name: 'p', nodes: [], edges: [{ from: 'a', to: 'b' }] })).toThrow('edges[0] refers to an unknown node')
  })
})
