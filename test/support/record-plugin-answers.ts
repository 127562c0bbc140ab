import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConnectTransport } from '../../packages/cli/src/deploy/kafka-connect-client.js'
import { pullPlugins } from '../../packages/cli/src/plugins/pull-plugins.js'
import { recordingTransport } from '../../packages/cli/src/plugins/replay-transport.js'

/**
 * Records what `pipe plugins pull` reads from a Kafka Connect worker for a few plugins (the list, their
 * ConfigDefs, their validate answers) into test/fixtures/plugin-answers/answers.json, which the unit
 * tests of packages/cli/src/plugins replay. Validate answers keep only each entry's `value` (pull reads
 * nothing else of them). Run it against the test worker:
 *
 *   pnpm infra up kafka connect && npx tsx test/support/record-plugin-answers.ts http://127.0.0.1:8083
 */
export const RECORDED_PLUGINS = [
  'io.debezium.connector.postgresql.PostgresConnector',
  'io.debezium.connector.jdbc.JdbcSinkConnector',
  'org.apache.kafka.connect.file.FileStreamSourceConnector',
  'io.debezium.transforms.ExtractNewRecordState',
  'org.apache.kafka.connect.transforms.InsertField$Value',
  'org.apache.kafka.connect.transforms.TimestampConverter$Value',
  'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
  'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
] as const

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

async function record(url: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'pipe-record-'))
  try {
    const { transport, answers } = recordingTransport(createConnectTransport(url))
    await pullPlugins(transport, { out, plugins: [...RECORDED_PLUGINS] })
    const trimmed = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, reply]) => {
      if (!key.startsWith('PUT ') || !isRecord(reply.body) || !Array.isArray(reply.body['configs'])) return [key, reply]
      const configs = (reply.body['configs'] as unknown[]).map((entry) => (isRecord(entry) ? { value: entry['value'] } : entry))
      return [key, { status: reply.status, body: { ...reply.body, configs } }]
    }))
    const file = join(import.meta.dirname, '..', 'fixtures', 'plugin-answers', 'answers.json')
    writeFileSync(file, `${JSON.stringify(trimmed, null, 1)}\n`)
    process.stdout.write(`recorded ${String(Object.keys(trimmed).length)} answers of ${url} into ${file}\n`)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

await record(process.argv[2] ?? 'http://127.0.0.1:8083')
