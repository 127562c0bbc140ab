import { describe, expect, it } from 'vitest'
import { source, topic } from '../builder/source.js'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { validateProject } from '../testing/builtin-catalog.fixture.js'

const copy = (name: string, partitions?: number) =>
  toPipelineIR(
    source(file({ file: 'in' })).to(topic('lines', partitions === undefined ? {} : { partitions })).sink(fileSink({ file: 'out' })),
    { defaultName: name },
  )

describe('validateProject', () => {
  it('accepts distinct pipelines sharing a topic declared compatibly', () => {
    expect(validateProject([copy('a', 3), copy('b'), copy('c', 3)])).toEqual([])
  })

  it('reports two pipelines with the same name', () => {
    expect(validateProject([copy('a'), copy('a')]).map((d) => d.code)).toEqual(['PIPE_DUPLICATE_PIPELINE'])
  })

  it('reports conflicting topic declarations at the later one', () => {
    const [d] = validateProject([copy('a', 3), copy('b', 6)])
    expect(d).toMatchObject({ code: 'PIPE_TOPIC_CONFLICT', pipeline: 'b' })
    expect(d?.message).toMatch(/^topic 'lines' is declared with partitions 6 here and 3 in pipeline 'a' at .*validate-project\.test\.ts:\d+$/)
  })

  it('reports connector names that collide across pipelines', () => {
    const a = toPipelineIR(source(file({ file: 'x' }), { name: 'b-source' }).to(topic('t')), { defaultName: 'a' })
    const b = toPipelineIR(source(file({ file: 'y' })).to(topic('t')), { defaultName: 'a-b' })
    expect(validateProject([a, b]).map((d) => d.code)).toEqual(['PIPE_DUPLICATE_CONNECTOR'])
  })

  it('reports a topic read in another format than its writer uses', () => {
    const reader = toPipelineIR(topic('lines').sink(fileSink({ file: 'o' })), { defaultName: 'reader' })
    const [d] = validateProject([copy('a'), reader])
    expect(d).toMatchObject({ code: 'PIPE_FORMAT_MISMATCH', pipeline: 'reader' })
    expect(d?.message).toBe("topic 'lines' holds 'string' records (pipeline 'a') but is read here as 'json'")
    const declared = toPipelineIR(topic('lines', { format: 'string' }).sink(fileSink({ file: 'o' })), { defaultName: 'reader' })
    expect(validateProject([copy('a'), declared])).toEqual([])
  })
})
