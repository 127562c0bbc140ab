// @servers kafka connect
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')
const FIXTURE = 'test/fixtures/run/dead-letter.ts'

function pipeCheck(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'check', FIXTURE, '--connect', servers().connect.url, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', PIPE_FIXTURE_NAME: 'dlq-check', ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return new Promise((done) => { child.once('exit', (code) => { done({ code, stderr }) }) })
}

describe('pipe check --connect with a dead-letter topic', () => {
  it('says, before deploying, that the default replication factor 3 exceeds the one broker of the cluster', { timeout: 120_000 }, async () => {
    const brokers = servers().kafka.bootstrapServers
    // three checks at once (each type-checks the file): factor 3, factor 1, and without the cluster's address
    const [refused, fixed, unknown] = await Promise.all([pipeCheck(['--bootstrap-servers', brokers]), pipeCheck(['--bootstrap-servers', brokers], { PIPE_FIXTURE_DLQ_FACTOR: '1' }), pipeCheck([])])
    expect(refused.code, refused.stderr).toBe(1)
    expect(refused.stderr).toContain(`error PIPE_DLQ_REPLICATION_FACTOR: dead-letter topic 'dlq-check-dlq' of connector 'dlq-check-sink' needs replication factor 3 (errors.deadletterqueue.topic.replication.factor) but the Kafka cluster at ${brokers} has 1 broker`)
    expect(refused.stderr).toContain("fix: set deadLetterReplicationFactor: 1 in the sink's errors options")

    expect(fixed.code, fixed.stderr).toBe(0)
    // without the cluster's address: a warning, since the REST API does not tell the broker count
    expect(unknown.stderr).toContain("warning PIPE_DLQ_REPLICATION_FACTOR: dead-letter topic 'dlq-check-dlq' of connector 'dlq-check-sink' gets Kafka Connect's default replication factor 3")
  })
})
