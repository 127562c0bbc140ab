import { describe, expect, it } from 'vitest'
import { env } from '../builder/secret.js'
import { source, topic } from '../builder/source.js'
import { lowerPipeline } from '../builder/to-pipeline-ir.js'
import { compilePipeline } from '../compile/compile-pipeline.js'
import { planDeployment } from '../compile/kafka-connect/plan-deployment.js'
import { locateConfigKey } from '../compile/kafka-connect/locate-config-key.js'
import { es, esDefinition } from '../testing/es-connector.fixture.js'
import { validatePipeline } from '../validate/validate.js'
import { validateProject } from '../validate/validate-project.js'
import { renderConnectorDocs } from './connector-docs.js'
import { file } from './file/file-source.js'
import { builtinCatalog } from './registry.js'

const esPipeline = (options: Parameters<typeof es>[0]) =>
  lowerPipeline(source(file({ file: 'in.txt' })).to(topic('docs', { format: 'json' })).sink(es(options)), { defaultName: 'docs' })

describe('a connector defined outside @pipe/dsl', () => {
  it('is validated, compiled, planned and documented like a built-in', () => {
    const lowered = esPipeline({ url: 'http://es:9200', password: env('ES_PASSWORD'), batchSize: 500, ratio: 0.5, mode: 'upsert' })
    const { ir, definitions } = lowered
    expect(validatePipeline(ir, { definitions })).toEqual([])
    expect(validateProject([lowered])).toEqual([])
    const { connectors, diagnostics } = compilePipeline(ir, { definitions })
    expect(diagnostics).toEqual([])
    expect(connectors[1]?.config).toMatchObject({
      'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
      'connection.url': 'http://es:9200', 'connection.password': '${env:ES_PASSWORD}', 'batch.size': '500',
      'flush.ratio': '0.5', 'write.method': 'upsert', topics: 'docs',
    })
    const plan = planDeployment(connectors, [], { definitions: definitions.connectors.values() })
    expect(plan.actions.map((a) => `${a.type} ${a.name}`)).toEqual(['create docs-sink', 'create docs-source'])
    expect(renderConnectorDocs(esDefinition)).toContain('`connection.url`')
  })

  it('reports bad options at the line of the call in the pipeline file, not in the connector module', () => {
    const { ir, definitions } = esPipeline({ url: 'http://es', password: 'hunter2', batchSize: 2 ** 40, ratio: 2 })
    const diagnostics = validatePipeline(ir, { definitions })
    expect(diagnostics.map((d) => d.code)).toEqual(['PIPE_LITERAL_SECRET', 'PIPE_INVALID_OPTION', 'PIPE_INVALID_OPTION'])
    expect(diagnostics.every((d) => d.location?.file.endsWith('user-defined.test.ts') === true)).toBe(true)
    expect(JSON.stringify(diagnostics)).not.toContain('hunter2')
    expect(locateConfigKey(ir, 'docs-sink', 'connection.url', definitions)?.option).toBe('url')
  })

  it('is unknown to the built-in catalog of its JSON IR (the IR alone does not carry definitions)', () => {
    const { ir } = esPipeline({ url: 'http://es' })
    const diagnostics = validatePipeline(ir, { definitions: builtinCatalog(ir) })
    expect(diagnostics.map((d) => d.code)).toEqual(['PIPE_UNKNOWN_CONNECTOR'])
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir)
  })
})
