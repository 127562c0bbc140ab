// @servers kafka connect
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../infra/paths.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { readTopic } from '../../support/read-topic.js'
import { waitFor } from '../../support/wait-for.js'

// What a user does: `pipe run --offsets-topic <Connect's offset.storage.topic>` and `pipe compile`
// + POST move one file source between pipe and Apache Kafka Connect, which keeps its position.
// (engine-offset-portability.int.test.ts proves the same one level down, on the engine.)
const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
// inside the repository, so the pipeline files resolve @pipe/dsl as a user's project does
mkdirSync(join(repoRoot, '.tmp'), { recursive: true })
const dir = mkdtempSync(join(repoRoot, '.tmp', 'portability-'))
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

const lines = (from: number, to: number, tag: string): string =>
  Array.from({ length: to - from }, (_, i) => `${tag} line ${String(from + i)}`).join('\n') + '\n'

function writePipeline(name: string, input: string, topicName: string): string {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(repoRoot, 'tsconfig.base.json'), compilerOptions: { noEmit: true, composite: false }, include: ['*.ts'] }))
  const file = join(dir, `${name}.ts`)
  writeFileSync(file, [
    "import { source, topic } from '@pipe/dsl'",
    "import { file } from '@pipe/dsl/connectors'",
    `export default source(file({ file: ${JSON.stringify(input)} })).to(topic(${JSON.stringify(topicName)}))`,
    '',
  ].join('\n'))
  return file
}

function pipe(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [pipeBin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 })
  return { status: run.status, output: run.stdout + run.stderr }
}

function runPipe(file: string): void {
  const { bootstrapServers, offsetTopic } = servers().connect
  const run = pipe(['run', file, '--bootstrap-servers', bootstrapServers, '--offsets-topic', offsetTopic, '--max-idle', '2s', '--state-dir', join(dir, 'state')])
  expect(run.status, run.output).toBe(0)
}

/** The compiled Kafka Connect config of the pipeline's source connector, as `pipe compile` writes it. */
function compiledSource(file: string): { name: string; config: Record<string, string> } {
  const out = join(dir, `compiled-${randomUUID()}`)
  const run = pipe(['compile', file, '--out', out])
  expect(run.status, run.output).toBe(0)
  const [entry] = readdirSync(out).filter((name) => name.endsWith('-source.json'))
  if (entry === undefined) throw new Error(`no source connector compiled from ${file}`)
  return JSON.parse(readFileSync(join(out, entry), 'utf8')) as { name: string; config: Record<string, string> }
}

async function connectorPosition(url: string, name: string): Promise<number | undefined> {
  const response = await connectRequest(url, 'GET', `/connectors/${name}/offsets`)
  const body = response.body as { offsets?: { offset: { position?: number } }[] } | undefined
  return body?.offsets?.[0]?.offset.position
}

describe('source offset portability between pipe and Kafka Connect', () => {
  it('finishes on Kafka Connect a file that pipe read half-way, from the same position', async () => {
    const id = randomUUID().slice(0, 8)
    const input = join(dir, `to-connect-${id}.txt`)
    const topicName = `portable-to-connect-${id}`
    writeFileSync(input, lines(0, 5_000, id))
    const file = writePipeline(`to-connect-${id}`, input, topicName)
    runPipe(file)

    appendFileSync(input, lines(5_000, 10_000, id))
    const { url, brokers } = { url: servers().connect.url, brokers: servers().kafka.brokers }
    const connector = compiledSource(file)
    expect((await connectRequest(url, 'POST', '/connectors', connector)).status).toBe(201)
    try {
      const records = await readTopic(brokers, topicName, 10_000, { settleMs: 3_000 })
      expect(records.map((record) => record.value)).toEqual(lines(0, 10_000, id).trimEnd().split('\n'))
      await waitFor('Connect to commit the end of the file', async () => await connectorPosition(url, connector.name) === statSync(input).size ? true : undefined, 30_000)
    } finally {
      await connectRequest(url, 'DELETE', `/connectors/${connector.name}`)
    }
  })

  it('finishes with pipe a file that Kafka Connect read half-way, from the same position', async () => {
    const id = randomUUID().slice(0, 8)
    const input = join(dir, `from-connect-${id}.txt`)
    const topicName = `portable-from-connect-${id}`
    writeFileSync(input, lines(0, 5_000, id))
    const file = writePipeline(`from-connect-${id}`, input, topicName)
    const { url, brokers } = { url: servers().connect.url, brokers: servers().kafka.brokers }
    const connector = compiledSource(file)
    expect((await connectRequest(url, 'POST', '/connectors', connector)).status).toBe(201)
    await readTopic(brokers, topicName, 5_000)
    await waitFor('Connect to commit its position', async () => await connectorPosition(url, connector.name) === statSync(input).size ? true : undefined, 30_000)
    expect((await connectRequest(url, 'DELETE', `/connectors/${connector.name}`)).status).toBe(204)

    appendFileSync(input, lines(5_000, 10_000, id))
    runPipe(file)
    const records = await readTopic(brokers, topicName, 10_000, { settleMs: 3_000 })
    expect(records.map((record) => record.value)).toEqual(lines(0, 10_000, id).trimEnd().split('\n'))
  })

  it('moves a non-ASCII file from Kafka Connect to pipe and back without losing or repeating a line', async () => {
    // Kafka Connect records positions in UTF-16 chars (and skips bytes on restart); pipe records bytes
    const id = randomUUID().slice(0, 8)
    const input = join(dir, `non-ascii-${id}.txt`)
    const topicName = `portable-non-ascii-${id}`
    const wide = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `é ${id} ligne ${String(from + i)} 😀\r\n`).join('')
    const expected = wide(0, 3_000).trimEnd().split('\r\n')
    writeFileSync(input, wide(0, 1_000))
    const file = writePipeline(`non-ascii-${id}`, input, topicName)
    const { url, brokers } = { url: servers().connect.url, brokers: servers().kafka.brokers }
    const connector = compiledSource(file)
    // GIVEN Kafka Connect read the first 1,000 lines and committed its position (in chars)
    expect((await connectRequest(url, 'POST', '/connectors', connector)).status).toBe(201)
    await readTopic(brokers, topicName, 1_000)
    await waitFor('Connect to commit its position', async () => await connectorPosition(url, connector.name) === wide(0, 1_000).length ? true : undefined, 30_000)
    expect((await connectRequest(url, 'DELETE', `/connectors/${connector.name}`)).status).toBe(204)
    // WHEN pipe reads the next 1,000, then Kafka Connect the last 1,000 from pipe's position
    appendFileSync(input, wide(1_000, 2_000))
    runPipe(file)
    appendFileSync(input, wide(2_000, 3_000))
    expect((await connectRequest(url, 'POST', '/connectors', connector)).status).toBe(201)
    try {
      // THEN the topic holds every line once, in order
      const records = await readTopic(brokers, topicName, 3_000, { settleMs: 3_000 })
      expect(records.map((record) => record.value)).toEqual(expected)
    } finally {
      await connectRequest(url, 'DELETE', `/connectors/${connector.name}`)
    }
  })
})
