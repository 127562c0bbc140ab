import { describe, expect, it } from 'vitest'
import { env } from '../builder/secret.js'
import { pipeline } from '../builder/pipeline.js'
import { source, topic } from '../builder/source.js'
import { toPipelineIR } from '../builder/to-pipeline-ir.js'
import { cassandra } from '../connectors/cassandra/cassandra-sink.js'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { jdbc } from '../connectors/jdbc/jdbc-sink.js'
import { twitter } from '../connectors/twitter/twitter-source.js'
import { datagen } from '../connectors/datagen/datagen-source.js'
import type { Pipeline } from '../builder/pipeline.js'
import type { PipelineIR } from '../ir/pipeline-ir.js'
import { validatePipeline } from '../testing/builtin-catalog.fixture.js'

const codes = (p: Pipeline, name = 'p') => validatePipeline(toPipelineIR(p, { defaultName: name })).map((d) => d.code)
const lines = (options: object = { file: 'in.txt' }) => source(file(options as { file: string })).to(topic('lines'))

describe('validatePipeline', () => {
  it('reports a literal password with PIPE_LITERAL_SECRET, never echoing it', () => {
    const p = topic<{ id: string }>('t').sink(jdbc({ url: 'jdbc:x', username: 'u', password: 'hunter2' }))
    const [d] = validatePipeline(toPipelineIR(p, { defaultName: 'p' }))
    expect(d).toMatchObject({ code: 'PIPE_LITERAL_SECRET', severity: 'error', pipeline: 'p', connector: 'p-sink' })
    expect(d?.hint).toContain("env('JDBC_SINK_PASSWORD')")
    expect(JSON.stringify(d)).not.toContain('hunter2')
    expect(d?.location?.file).toMatch(/validate\.test\.ts$/)
  })

  it('accepts env() and secret() for passwords', () => {
    expect(codes(topic('t').sink(jdbc({ url: 'jdbc:x', username: 'u', password: env('P') })))).toEqual([])
  })

  it('reports missing, unknown and invalid options', () => {
    expect(codes(lines({}))).toEqual(['PIPE_MISSING_OPTION'])
    expect(codes(lines({ file: 'a', bogus: 1 }))).toEqual(['PIPE_UNKNOWN_OPTION'])
    expect(codes(lines({ file: 'a', batchSize: 0 }))).toEqual(['PIPE_INVALID_OPTION'])
    expect(codes(lines({ file: 3 }))).toEqual(['PIPE_INVALID_OPTION'])
  })

  it('lists the valid choices of an enum option', () => {
    const p = topic('t').sink(jdbc({ url: 'j', username: 'u', password: env('P'), insertMode: 'merge' as 'insert' }))
    const [d] = validatePipeline(toPipelineIR(p, { defaultName: 'p' }))
    expect(d?.message).toBe("option 'insertMode' of jdbc sink must be one of 'insert' | 'upsert' | 'update' (got \"merge\")")
  })

  it('runs connector-specific checks', () => {
    expect(codes(source(twitter({ bearerToken: env('T') })).to(topic('t')))).toEqual(['PIPE_MISSING_OPTION'])
    expect(codes(topic('t').sink(jdbc({ url: 'j', username: 'u', password: env('P'), primaryKeyMode: 'record_value' })))).toEqual(['PIPE_MISSING_OPTION'])
  })

  it('reports invalid pipeline, connector and topic names', () => {
    expect(codes(lines(), 'bad name')).toEqual(['PIPE_INVALID_NAME'])
    expect(codes(source(file({ file: 'a' })).to(topic('no spaces')))).toEqual(['PIPE_INVALID_TOPIC_NAME'])
    expect(codes(lines().sink(fileSink({ file: 'o' }), { name: '-x' }))).toEqual(['PIPE_INVALID_NAME'])
    expect(codes(lines().sink(fileSink({ file: 'o' }), { connectorName: 'a b' }))).toEqual(['PIPE_INVALID_NAME'])
    expect(codes(lines().sink(fileSink({ file: 'o' }), { connectorName: 'ab', name: 'x' }))).toEqual(['PIPE_INVALID_OPTION'])
    expect(codes(lines().sink(fileSink({ file: 'o' }), { connectorName: 'legacy_export' }))).toEqual([])
  })

  it('reports invalid transform parameters', () => {
    expect(codes(lines().dropHeaders([]).sink(fileSink({ file: 'o' })))).toEqual(['PIPE_INVALID_TRANSFORM'])
    expect(codes(lines().routeByRegex('(', 'x').sink(fileSink({ file: 'o' })))).toEqual(['PIPE_INVALID_TRANSFORM'])
  })

  it('reports a source that forks before its topic', () => {
    const s = source(file({ file: 'a' }))
    expect(codes(pipeline([s.to(topic('a')), s.to(topic('b'))]))).toEqual(['PIPE_SOURCE_FORK'])
  })

  it('reports two connectors with the same name', () => {
    const t = lines()
    const p = pipeline([t.sink(fileSink({ file: 'a' }), { name: 'out' }), t.sink(fileSink({ file: 'b' }), { name: 'out' })])
    expect(codes(p)).toEqual(['PIPE_DUPLICATE_CONNECTOR'])
  })

  it('reports unknown connectors and schema versions in hand-written IR', () => {
    const ir = toPipelineIR(lines(), { defaultName: 'p' })
    const unknown: PipelineIR = { ...ir, nodes: ir.nodes.map((n) => (n.kind === 'source' ? { ...n, connector: 'nope' } : n)) }
    expect(validatePipeline(unknown).map((d) => d.code)).toEqual(['PIPE_UNKNOWN_CONNECTOR'])
    expect(validatePipeline({ ...ir, schemaVersion: 2 as 1 }).map((d) => d.code)).toEqual(['PIPE_UNSUPPORTED_SCHEMA_VERSION'])
  })

  it('reports a cassandra sink with an empty column mapping', () => {
    const p = topic('t').sink(cassandra({ contactPoints: ['h:9042'], keyspace: 'k', table: 't', columns: {} }))
    expect(codes(p)).toEqual(['PIPE_INVALID_OPTION'])
  })

  it('reports list items with commas and a dead-letter topic equal to the input topic', () => {
    expect(codes(topic<{ id: string }>('t').sink(cassandra({ contactPoints: ['h1:9042,h2:9042'], keyspace: 'k', table: 't', columns: { id: 'id' } })))).toEqual(['PIPE_INVALID_OPTION'])
    // twitter rules compile as a JSON array: a rule may hold commas
    expect(codes(source(twitter({ bearerToken: env('T'), rules: ['"a, b"'] })).to(topic('t')))).toEqual([])
    expect(codes(topic('t').sink(fileSink({ file: 'o' }), { errors: { deadLetterTopic: 't' } }))).toEqual(['PIPE_INVALID_OPTION'])
  })

  it('reports what Kafka Connect cannot run in a pipeline declared for it, and nothing otherwise', () => {
    const p = source(datagen({ preset: 'orders' })).map((o) => o.price).to(topic('prices'))
    expect(codes(p)).toEqual([])
    expect(codes(p.target('pipe'))).toEqual([])
    expect(codes(p.target('kafka-connect'))).toEqual(['PIPE_NOT_PORTABLE_CONNECTOR', 'PIPE_NOT_PORTABLE_STEP'])
    expect(toPipelineIR(p.target('kafka-connect'), { defaultName: 'p' }).target).toBe('kafka-connect')
  })
})
