// @servers kafka
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')

function pipeRun(cwd: string, name: string, env: Readonly<Record<string, string>>): Promise<{ code: number | null; stderr: string }> {
  const args = [BIN, 'run', join(ROOT, 'test/fixtures/run/dead-letter.ts'), '--bootstrap-servers', servers().kafka.bootstrapServers, '--offsets-topic', `${name}-offsets`, '--max-idle', '2s']
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', PIPE_FIXTURE_NAME: name, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return new Promise((done) => { child.once('exit', (code) => { done({ code, stderr }) }) })
}

async function topics(): Promise<string[]> {
  const admin = new Kafka({ brokers: [servers().kafka.bootstrapServers], clientId: 'pipe-test-dlq', logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    return await admin.listTopics()
  } finally {
    await admin.disconnect()
  }
}

describe('pipe run on a one-broker Kafka with a dead-letter topic', () => {
  it('refuses the default replication factor 3 in one line before anything starts, and runs with 1', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-dlq-'))
    await writeFile(join(dir, 'input.txt'), 'a\nb\n')
    const name = `dlq-rf-${Date.now().toString(36)}`

    const refused = await pipeRun(dir, name, {})
    expect(refused.code).toBe(1)
    const lines = refused.stderr.trimEnd().split('\n')
    expect(lines.slice(0, -1).every((l) => l.includes(': starting '))).toBe(true) // the run's title line, nothing more
    expect(lines.at(-1)).toBe(`pipe run: error PIPE_REPLICATION_FACTOR: dead-letter topic '${name}-dlq' needs replication factor 3 (errors.deadletterqueue.topic.replication.factor) but the Kafka cluster has 1 broker: set errors.deadletterqueue.topic.replication.factor to at most 1 (deadLetterReplicationFactor in the sink's errors options), or create the topic first`)
    expect((await topics()).filter((t) => t.startsWith(name))).toEqual([])

    const ran = await pipeRun(dir, name, { PIPE_FIXTURE_DLQ_FACTOR: '1' })
    expect(ran.code, ran.stderr).toBe(0)
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe('a\nb\n')
    expect(await topics()).toContain(`${name}-dlq`)
  })
})
