import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from './run-pipe.js'

// The README's "Use any connector" section shows three files; each must pass `pipe check` and compile
// to the classes it names, with the pulled modules of the test worker (test/fixtures/plugins) as ./connectors.
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Use any connector'), readme.indexOf('\n## ', readme.indexOf('## Use any connector') + 1))
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')

// inside the repository, so that @pipe/dsl resolves as it does for the fixtures
const project = mkdtempSync(join(repoRoot, 'test', 'fixtures', 'readme-'))
afterAll(() => { rmSync(project, { recursive: true, force: true }) })

describe('README: Use any connector', () => {
  it('shows the escape hatch, a user-defined connector and the pulled Debezium example, and each checks and compiles', async () => {
    expect(blocks).toHaveLength(3)
    const [hatch = '', es = '', cdc = ''] = blocks
    cpSync(join(repoRoot, 'test', 'fixtures', 'plugins'), join(project, 'connectors'), { recursive: true })
    mkdirSync(join(project, 'pipelines'))
    writeFileSync(join(project, 'pipelines', 'hatch.ts'), hatch)
    writeFileSync(join(project, 'connectors', 'es.ts'), es)
    writeFileSync(join(project, 'pipelines', 'cdc.ts'), cdc.replaceAll("'./connectors/", "'../connectors/"))
    writeFileSync(join(project, 'pipelines', 'orders-to-es.ts'), [
      "import { source, topic } from '@pipe/dsl'",
      "import { kafkaConnect } from '@pipe/dsl/connectors'",
      "import { es } from '../connectors/es.js'",
      "export default source(kafkaConnect('com.example.OrdersSource', { 'poll.ms': '100' }))",
      "  .to(topic('orders', { format: 'json' })).sink(es({ url: 'http://es:9200' })).target('kafka-connect')",
      '',
    ].join('\n'))
    const check = await runPipe(['check', join(project, 'pipelines')])
    expect(check.stdout + check.stderr).toContain('checked 3 pipelines in 3 files: no errors')
    expect(check.status).toBe(0)
    const out = join(project, 'out')
    const compile = await runPipe(['compile', join(project, 'pipelines'), '--out', out])
    expect(compile.status, compile.stderr).toBe(0)
    const classes = readdirSync(out).sort().map((file) => (JSON.parse(readFileSync(join(out, file), 'utf8')) as { config: Record<string, string> }).config['connector.class'])
    expect(classes).toEqual([
      'io.debezium.connector.postgresql.PostgresConnector',
      'io.debezium.connector.postgresql.PostgresConnector',
      'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
      'com.example.OrdersSource',
    ])
  }, 60_000)
})
