// pipe as a user gets it: the packed @pipe/dsl, @pipe/runtime and @pipe/cli installed with npm into
// a fresh project of their own, with a connector they define in ./connectors/es.ts and plugins
// named with kafkaConnect(). `pipe check` and `pipe compile` honour both as they do built-ins.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, STACK_FRAME } from './run-pipe.js'

const run = promisify(execFile)
const PACKAGES = ['dsl', 'runtime', 'cli'] as const

interface Result { readonly status: number; readonly stdout: string; readonly stderr: string }

async function pipe(project: string, args: readonly string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(join(project, 'node_modules', '.bin', 'pipe'), [...args], { cwd: project, env: { ...process.env, NO_COLOR: '1' } })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { status: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

const ES_MODULE = `import { defineConnector, field, sinkRef, type DefinitionOptions, type SinkConnector } from '@pipe/dsl/connectors'

export const esDefinition = defineConnector({
  name: 'es', role: 'sink', doc: 'Elasticsearch sink',
  fields: {
    url: field.string({ key: 'connection.url', doc: 'Elasticsearch URL' }),
    batchSize: field.int({ key: 'batch.size', doc: 'records per bulk request', min: 1, optional: true }),
  },
  formats: ['json'],
  kafkaConnect: { class: 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector' },
  pipeClass: 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
})

export function es(options: DefinitionOptions<typeof esDefinition>): SinkConnector<unknown> {
  return sinkRef(esDefinition, options)
}
`

const SEARCH = (batchSize: string): string => `import { source, topic } from '@pipe/dsl'
import { file } from '@pipe/dsl/connectors'
import { es } from '../connectors/es.js'

export default source(file({ file: 'in.txt' }))
  .to(topic('docs', { format: 'json' }))
  .sink(es({ url: 'http://es:9200', batchSize: ${batchSize} }))
`

const MYSQL_TO_S3 = `import { env, source, topic } from '@pipe/dsl'
import { kafkaConnect, kafkaConnectTransform } from '@pipe/dsl/connectors'

export default source(kafkaConnect('io.debezium.connector.mysql.MySqlConnector', {
  'database.hostname': 'db', 'database.password': env('MYSQL_PASSWORD'), 'topic.prefix': 'shop',
}))
  .transform(kafkaConnectTransform('io.debezium.transforms.ExtractNewRecordState', { 'drop.tombstones': 'false' }))
  .to(topic('shop'))
  .sink(kafkaConnect('io.confluent.connect.s3.S3SinkConnector', { 's3.bucket.name': 'orders' }))
`

let project = ''

beforeAll(async () => {
  const packs = mkdtempSync(join(tmpdir(), 'pipe-packs-'))
  for (const name of PACKAGES) {
    await run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', packs], { cwd: join(repoRoot, 'packages', name) })
  }
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz')).map((f) => join(packs, f))
  expect(tarballs).toHaveLength(3)
  // pnpm pack rewrites workspace: ranges, so npm can install the cli's dependencies on the other two
  for (const tarball of tarballs) {
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json'])
    expect(stdout).not.toContain('workspace:')
  }
  project = mkdtempSync(join(tmpdir(), 'pipe-user-project-'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }))
  await run('npm', ['install', '--no-audit', '--no-fund', ...tarballs], { cwd: project, timeout: 400_000 })
  mkdirSync(join(project, 'pipelines'))
  mkdirSync(join(project, 'connectors'))
  writeFileSync(join(project, 'connectors', 'es.ts'), ES_MODULE)
  writeFileSync(join(project, 'pipelines', 'search.ts'), SEARCH('500'))
  writeFileSync(join(project, 'pipelines', 'mysql-to-s3.ts'), MYSQL_TO_S3)
}, 600_000)

describe('a user project with the packed packages installed by npm', () => {
  it('runs the installed pipe', async () => {
    const help = await pipe(project, ['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: pipe')
  })

  it('checks and compiles a user-defined connector and kafkaConnect() plugins like built-ins', async () => {
    const check = await pipe(project, ['check'])
    expect(check).toMatchObject({ status: 0 })
    expect(check.stdout).toContain('checked 2 pipelines in 2 files: no errors')
    const compile = await pipe(project, ['compile'])
    expect(compile.status).toBe(0)
    const read = (name: string): Record<string, string> =>
      (JSON.parse(readFileSync(join(project, 'build', 'connect', `${name}.json`), 'utf8')) as { config: Record<string, string> }).config
    expect(read('search-sink')).toMatchObject({
      'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', 'connection.url': 'http://es:9200', 'batch.size': '500', topics: 'docs',
    })
    expect(read('mysql-to-s3-source')).toMatchObject({
      'connector.class': 'io.debezium.connector.mysql.MySqlConnector', 'database.hostname': 'db', 'database.password': '${env:MYSQL_PASSWORD}',
      'topic.prefix': 'shop', 'transforms.plugin-0.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.plugin-0.drop.tombstones': 'false',
      'pipe.pipeline': 'mysql-to-s3',
    })
    expect(read('mysql-to-s3-sink')).toMatchObject({ 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', 's3.bucket.name': 'orders', topics: 'shop' })
  })

  it("reports a wrong option of the user's connector at the pipeline's file:line, exit 1, no stack trace", async () => {
    writeFileSync(join(project, 'pipelines', 'search.ts'), SEARCH('0'))
    try {
      const check = await pipe(project, ['check'])
      expect(check.status).toBe(1)
      expect(check.stderr).toContain("pipelines/search.ts:7:37 error PIPE_INVALID_OPTION: option 'batchSize' of es sink must be an integer in [1, ∞] (got 0)")
      expect(check.stderr).not.toMatch(STACK_FRAME)
    } finally {
      writeFileSync(join(project, 'pipelines', 'search.ts'), SEARCH('500'))
    }
  })
})
