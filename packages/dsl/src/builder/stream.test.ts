import { describe, expect, it } from 'vitest'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { datagen } from '../connectors/datagen/datagen-source.js'
import { PipeError } from '../errors.js'
import { isPipeline, pipeline } from './pipeline.js'
import { hasHeaderKey, not } from './predicate.js'
import { source, topic } from './source.js'
import { getStepFunctions, lowerPipeline, toPipelineIR } from './to-pipeline-ir.js'

const lines = () => source(file({ file: 'in.txt' }))

describe('stream builders', () => {
  it('return a new instance from every step and leave the original unchanged', () => {
    const base = lines().to(topic('lines'))
    const a = base.insertHeader('a', '1')
    const b = base.dropHeaders(['x']).dropHeaders(['y'])
    expect(a).not.toBe(base)
    expect(toPipelineIR(base, { defaultName: 'p' }).nodes).toHaveLength(2)
    expect(toPipelineIR(a.sink(fileSink({ file: 'o' })), { defaultName: 'p' }).nodes.map((n) => n.kind)).toEqual(['source', 'topic', 'transform', 'sink'])
    expect(toPipelineIR(b.sink(fileSink({ file: 'o' })), { defaultName: 'p' }).nodes).toHaveLength(5)
  })

  it('shares upstream nodes between forked branches', () => {
    const t = lines().to(topic('lines'))
    const ir = toPipelineIR(pipeline([t.sink(fileSink({ file: 'a' })), t.insertHeader('h', 'v').sink(fileSink({ file: 'b' }))]), { defaultName: 'fork' })
    expect(ir.nodes.map((n) => n.kind)).toEqual(['source', 'topic', 'sink', 'transform', 'sink'])
    expect(ir.edges).toEqual([{ from: 'n0', to: 'n1' }, { from: 'n1', to: 'n2' }, { from: 'n1', to: 'n3' }, { from: 'n3', to: 'n4' }])
  })

  it('names the pipeline from the default, .named() or pipeline({ name })', () => {
    const p = lines().to(topic('lines'))
    expect(toPipelineIR(p, { defaultName: 'file' }).name).toBe('file')
    expect(toPipelineIR(p.named('x'), { defaultName: 'file' }).name).toBe('x')
    expect(toPipelineIR(pipeline([p], { name: 'y' }), { defaultName: 'file' }).name).toBe('y')
  })

  it('captures the call site of each node in this file', () => {
    const ir = toPipelineIR(lines().to(topic('lines')), { defaultName: 'p' })
    const [sourceNode, topicNode] = ir.nodes
    expect(sourceNode?.loc).toMatchObject({ file: expect.stringMatching(/stream\.test\.ts$/) as unknown, line: 11 })
    expect(topicNode?.loc?.line).toBe(39)
  })

  it('marks only connected streams as pipelines', () => {
    expect(isPipeline(lines())).toBe(false)
    expect(isPipeline(topic('t'))).toBe(false)
    expect(isPipeline(lines().to(topic('t')))).toBe(true)
    expect(isPipeline(lines().to(topic('t')).insertHeader('h', 'v'))).toBe(false)
    expect(isPipeline(topic('t').sink(fileSink({ file: 'o' })))).toBe(true)
    expect(isPipeline({})).toBe(false)
    expect(isPipeline(null)).toBe(false)
  })

  it('gives TypeScript steps stable ids and keeps their functions out of the IR', () => {
    const double = (n: number): number => n * 2
    const p = source(datagen({ preset: 'orders' })).map((o) => o.price).map(double).filter((n) => n > 1).to(topic('prices'))
    const ir = toPipelineIR(p, { defaultName: 'prices' })
    const refs = ir.nodes.flatMap((n) => (n.kind === 'transform' && n.step.type === 'code' ? [n.step.ref] : []))
    expect(refs).toEqual(['prices/map#0', 'prices/map#1', 'prices/filter#0'])
    const fns = getStepFunctions(p, { defaultName: 'prices' })
    expect([...fns.keys()]).toEqual(refs)
    expect(fns.get('prices/map#1')).toBe(double)
  })

  it('lowers once to the same IR and step functions as toPipelineIR and getStepFunctions', () => {
    const double = (n: number): number => n * 2
    const p = source(datagen({ preset: 'orders' })).map((o) => o.price).map(double).to(topic('prices'))
    const { ir, steps } = lowerPipeline(p, { defaultName: 'prices' })
    expect(ir).toEqual(toPipelineIR(p, { defaultName: 'prices' }))
    expect([...steps.keys()]).toEqual([...getStepFunctions(p, { defaultName: 'prices' }).keys()])
    expect(steps.get('prices/map#1')).toBe(double)
  })

  it('applies the predicate of .when() to every step inside it', () => {
    const p = lines().to(topic('t')).when(not(hasHeaderKey('raw')), (s) => s.insertHeader('a', '1').dropHeaders(['b'])).sink(fileSink({ file: 'o' }))
    const transforms = toPipelineIR(p, { defaultName: 'p' }).nodes.filter((n) => n.kind === 'transform')
    expect(transforms.map((t) => t.predicate)).toEqual([
      { test: { type: 'has-header-key', name: 'raw' }, negate: true },
      { test: { type: 'has-header-key', name: 'raw' }, negate: true },
    ])
  })

  it('rejects TypeScript steps inside .when()', () => {
    expect(() => lines().when(hasHeaderKey('x'), (s) => s.map((v) => v))).toThrow(PipeError)
  })

  it('rejects .sink() before .to() and a source connector as a sink', () => {
    const s = lines() as unknown as { sink: (c: unknown) => unknown }
    expect(() => s.sink(fileSink({ file: 'o' }))).toThrow(/must follow .to/)
    const t = topic('t') as unknown as { sink: (c: unknown) => unknown }
    expect(() => t.sink(file({ file: 'x' }))).toThrow(/expects a sink connector/)
  })

  it('turns topic-to-topic into a sink node followed by the output topic', () => {
    const ir = toPipelineIR(topic('a').insertHeader('h', 'v').to(topic('b')), { defaultName: 'copy' })
    expect(ir.nodes.map((n) => (n.kind === 'sink' ? n.connector : n.kind))).toEqual(['topic', 'transform', 'topic-to-topic', 'topic'])
  })
})
