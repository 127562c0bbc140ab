import { describe, expect, it } from 'vitest'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { FIXTURES } from '../testing/pipelines.fixture.js'
import { isJsonValue } from './json.js'
import { validatePipeline } from '../testing/builtin-catalog.fixture.js'

describe('PipelineIR', () => {
  for (const [name, make] of Object.entries(FIXTURES)) {
    describe(name, () => {
      const ir = toPipelineIR(make(), { defaultName: name })

      it('survives a JSON round trip unchanged', () => {
        expect(isJsonValue(ir)).toBe(true)
        expect(JSON.parse(JSON.stringify(ir))).toEqual(ir)
      })

      it('is deep-frozen', () => {
        expect(Object.isFrozen(ir)).toBe(true)
        expect(Object.isFrozen(ir.nodes[0])).toBe(true)
      })

      it('has schema version 1 and a location on every node', () => {
        expect(ir.schemaVersion).toBe(1)
        for (const node of ir.nodes) expect(node.loc?.file).toMatch(/pipelines\.fixture\.ts$/)
      })

      it('is valid', () => {
        expect(validatePipeline(ir)).toEqual([])
      })

      it('lowers the same pipeline to the same IR', () => {
        expect(toPipelineIR(make(), { defaultName: name })).toEqual(ir)
      })
    })
  }
})
