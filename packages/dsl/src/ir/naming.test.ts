import { describe, expect, it } from 'vitest'
import { pipeline } from '../builder/pipeline.js'
import { source, topic } from '../builder/source.js'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { connectorNames, isValidName, isValidTopicName } from './naming.js'

const names = (p: Parameters<typeof toPipelineIR>[0]) => [...connectorNames(toPipelineIR(p, { defaultName: 'p' })).values()]
const t = source(file({ file: 'in' })).to(topic('lines'))

describe('connectorNames', () => {
  it('names a single source and sink <pipeline>-source and <pipeline>-sink', () => {
    expect(names(t.sink(fileSink({ file: 'o' })))).toEqual(['p-source', 'p-sink'])
  })

  it('numbers forked sinks from 1 in declaration order', () => {
    expect(names(pipeline([t.sink(fileSink({ file: 'a' })), t.sink(fileSink({ file: 'b' })), t.sink(fileSink({ file: 'c' }))])))
      .toEqual(['p-source', 'p-sink-1', 'p-sink-2', 'p-sink-3'])
  })

  it('uses explicit names and numbers only the unnamed connectors', () => {
    const p = pipeline([t.sink(fileSink({ file: 'a' }), { name: 'archive' }), t.sink(fileSink({ file: 'b' }))])
    expect(names(p)).toEqual(['p-source', 'p-archive', 'p-sink'])
  })

  it('keeps a whole name given with connectorName, and numbers only the unnamed connectors', () => {
    const p = pipeline([t.sink(fileSink({ file: 'a' }), { connectorName: 'legacy_export' }), t.sink(fileSink({ file: 'b' })), t.sink(fileSink({ file: 'c' }))])
    expect(names(p)).toEqual(['p-source', 'legacy_export', 'p-sink-1', 'p-sink-2'])
  })

  it('names topic-to-topic connectors', () => {
    expect(names(topic('a').to(topic('b')))).toEqual(['p-topic-to-topic'])
  })

  it('is stable: the same pipeline gets the same names', () => {
    const make = () => pipeline([t.sink(fileSink({ file: 'a' })), t.sink(fileSink({ file: 'b' }))])
    expect(names(make())).toEqual(names(make()))
  })
})

describe('name rules', () => {
  it('accepts safe pipeline names and legal topic names', () => {
    expect(isValidName('tweets-v2.1_x')).toBe(true)
    expect(isValidName('-x')).toBe(false)
    expect(isValidName('a b')).toBe(false)
    // everything Kafka Connect refuses (control characters, empty) and what it cannot serve (., .., long names)
    for (const bad of ['a\nb', 'a\u007fb', 'a\u0085b', '', '.', '..', 'x'.repeat(201)]) expect(isValidName(bad)).toBe(false)
    expect(isValidTopicName('a.b_c-1')).toBe(true)
    expect(isValidTopicName('..')).toBe(false)
    expect(isValidTopicName('x'.repeat(250))).toBe(false)
  })
})
