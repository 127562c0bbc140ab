import { describe, expect, it } from 'vitest'
import { env } from '../builder/secret.js'
import { not } from '../builder/predicate.js'
import { source, topic } from '../builder/source.js'
import { lowerPipeline } from '../builder/to-pipeline-ir.js'
import { compilePipeline } from '../compile/compile-pipeline.js'
import { parsePipelineIR } from '../ir/parse-pipeline-ir.js'
import { postgresConnector } from '../testing/pulled-postgres.fixture.js'
import { extractNewRecordState, hasHeader } from '../testing/pulled-smt.fixture.js'
import { validatePipeline } from '../validate/validate.js'
import { kafkaConnectPredicate } from './define-transform.js'
import { fileSink } from './file/file-sink.js'

const pg = { 'database.hostname': 'db', 'topic.prefix': 'shop', 'database.password': env('PG_PASSWORD') } as const

describe('pulled connectors, SMTs and predicates', () => {
  it('compile every field kind to its string form, SMTs and predicates to transforms.* and predicates.* keys', () => {
    const { ir, definitions } = lowerPipeline(
      source(postgresConnector({
        ...pg, 'database.port': 5433, 'plugin.name': 'pgoutput', 'table.include.list': ['public.a', 'public.b'],
        'heartbeat.action.query.ratio': 0.25, 'include.unknown.datatypes': true,
        'snapshot.select.statement.overrides.class': 'com.acme.Overrides',
      }))
        .transform(extractNewRecordState({ 'route.by.field': 'op', 'add.fields': ['op', 'ts_ms'], 'drop.tombstones': false }))
        .dropIf(not(hasHeader({ name: 'keep' })))
        .to(topic('customers'))
        .keepIf(kafkaConnectPredicate('com.acme.IsInsert', { field: 'op' }))
        .sink(fileSink({ file: 'out.txt' })),
      { defaultName: 'customers' },
    )
    expect(validatePipeline(ir, { definitions })).toEqual([])
    const [src, sink] = compilePipeline(ir, { definitions }).connectors.map((c) => c.config)
    expect(src).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': 'db', 'database.port': '5433', 'database.password': '${env:PG_PASSWORD}', 'plugin.name': 'pgoutput',
      'table.include.list': 'public.a,public.b', 'heartbeat.action.query.ratio': '0.25', 'include.unknown.datatypes': 'true',
      'snapshot.select.statement.overrides.class': 'com.acme.Overrides',
      transforms: 'plugin-0,filter-1,route-to-topic',
      'transforms.plugin-0.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.plugin-0.route.by.field': 'op', 'transforms.plugin-0.add.fields': 'op,ts_ms', 'transforms.plugin-0.drop.tombstones': 'false',
      'transforms.filter-1.predicate': 'filter-1-if', 'transforms.filter-1.negate': 'true',
      'predicates.filter-1-if.type': 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey', 'predicates.filter-1-if.name': 'keep',
      'transforms.route-to-topic.replacement': 'customers',
    })
    expect(sink).toMatchObject({
      'predicates.filter-0-if.type': 'com.acme.IsInsert', 'predicates.filter-0-if.field': 'op', 'transforms.filter-0.negate': 'true',
    })
    // the IR stays plain JSON and parses back
    expect(parsePipelineIR(JSON.parse(JSON.stringify(ir)))).toEqual(ir)
  })

  it('report wrong values, missing keys and literal passwords at file:line; unknown keys are a warning and compiled through', () => {
    const { ir, definitions } = lowerPipeline(
      source(postgresConnector({ 'database.hostname': 'db', 'topic.prefix': 'shop', 'database.password': 'hunter2' as never /* a tsc error; here as from untyped code */, 'slot.name': 'pipe' }))
        // a pipeline given JSON from elsewhere: types cannot catch these
        .transform(extractNewRecordState(JSON.parse('{"delete.handling.mode":"explode","drop.tombstones":"yes"}') as { 'route.by.field': string }))
        .dropIf(hasHeader(JSON.parse('{}') as { name: string }))
        .to(topic('shop')),
      { defaultName: 'shop' },
    )
    const diagnostics = validatePipeline(ir, { definitions })
    expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'error PIPE_LITERAL_SECRET', 'warning PIPE_UNKNOWN_OPTION',
      // the SMT, in field order: 'delete.handling.mode' and 'drop.tombstones' wrong, 'route.by.field' missing; the predicate: 'name' missing
      'error PIPE_INVALID_OPTION', 'error PIPE_INVALID_OPTION', 'error PIPE_MISSING_OPTION', 'error PIPE_MISSING_OPTION',
    ])
    expect(diagnostics.every((d) => d.location?.file.endsWith('plugin-steps.test.ts') === true)).toBe(true)
    expect(diagnostics[1]?.message).toBe("source io.debezium.connector.postgresql.PostgresConnector has no option 'slot.name'; it is passed to Kafka Connect as given")
    expect(JSON.stringify(diagnostics)).not.toContain('hunter2')
    // a step's diagnostics name no connector; a connector's do
    expect(diagnostics[2]).not.toHaveProperty('connector')
    expect(diagnostics[0]?.connector).toBe('shop-source')
    const config = compilePipeline(ir, { definitions }).connectors[0]?.config
    expect(config?.['slot.name']).toBe('pipe')
    expect(JSON.stringify(config)).not.toContain('hunter2')
  })

  it('refuse a plugin step given to .transform() that is not one', () => {
    expect(() => source(postgresConnector(pg)).transform({} as never)).toThrow(/expects a plugin step/)
  })
})
