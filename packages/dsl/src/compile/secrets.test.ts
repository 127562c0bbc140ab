import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { FIXTURES, tweets } from '../testing/pipelines.fixture.js'
import { compilePipeline, validatePipeline } from '../testing/builtin-catalog.fixture.js'

const SENTINEL = 'sentinel-9f2c-do-not-print'
const VARIABLES = ['TWITTER_BEARER_TOKEN', 'DB_PASSWORD', 'PG_PASSWORD']

describe('secrets', () => {
  beforeEach(() => {
    for (const v of VARIABLES) process.env[v] = SENTINEL
  })
  afterEach(() => {
    for (const v of VARIABLES) Reflect.deleteProperty(process.env, v)
  })

  it('never appear in the IR, diagnostics or compiled configs of any target', () => {
    for (const [name, make] of Object.entries(FIXTURES)) {
      const ir = toPipelineIR(make(), { defaultName: name })
      const outputs = [ir, validatePipeline(ir), compilePipeline(ir, { target: 'kafka-connect' }), compilePipeline(ir, { target: 'pipe' })]
      expect(JSON.stringify(outputs)).not.toContain(SENTINEL)
    }
  })

  it('compile to placeholders that only the worker resolves', () => {
    const text = JSON.stringify(compilePipeline(toPipelineIR(tweets(), { defaultName: 't' }), { target: 'pipe' }))
    expect(text).toContain('${env:TWITTER_BEARER_TOKEN}')
    expect(text).not.toContain('config.providers')
  })
})
