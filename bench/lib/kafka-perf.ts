import { execFileSync } from 'node:child_process'
import { kafkaLibsDir } from '../../test/infra/fetch.js'
import { infraDir, javaBin } from '../../test/infra/paths.js'
import { writeLoggingConfig } from '../../test/infra/servers/kafka.js'

function runTool(mainClass: string, args: readonly string[]): string {
  return execFileSync(javaBin(), [
    '-Xmx512m', writeLoggingConfig(infraDir('kafka', 'conf'), 'tools', 'WARN'),
    '-cp', `${kafkaLibsDir()}/*`, mainClass, ...args,
  ], { encoding: 'utf8', maxBuffer: 64 << 20 })
}

/** Deletes the topics whose names match `pattern` (a Java regex), so that repeated runs do not fill the broker's disk. */
export function deleteTopics(bootstrap: string, pattern: string): void {
  runTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap, '--delete', '--if-exists', '--topic', pattern])
}

/** Kafka's own producer perf tool: the broker's ceiling for `count` records of `size` bytes. */
export function producerPerf(bootstrap: string, topic: string, count: number, size: number): { recordsPerSec: number; seconds: number } {
  const output = runTool('org.apache.kafka.tools.ProducerPerformance', [
    '--topic', topic, '--num-records', String(count), '--record-size', String(size), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${bootstrap}`, 'acks=all', 'linger.ms=5', 'batch.size=65536',
  ])
  const last = output.trim().split('\n').reverse().find((line) => line.includes('records sent')) ?? ''
  const perSec = /([\d.]+) records\/sec/.exec(last)?.[1]
  if (perSec === undefined) throw new Error(`unexpected ProducerPerformance output:\n${output}`)
  return { recordsPerSec: Number(perSec), seconds: count / Number(perSec) }
}

/** Kafka's own consumer perf tool over the same topic. */
export function consumerPerf(bootstrap: string, topic: string, count: number): { recordsPerSec: number; seconds: number } {
  const output = runTool('org.apache.kafka.tools.ConsumerPerformance', [
    '--bootstrap-server', bootstrap, '--topic', topic, '--messages', String(count), '--timeout', '60000',
  ])
  // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
  const row = output.trim().split('\n').at(-1)?.split(',').map((cell) => cell.trim()) ?? []
  const perSec = Number(row[5])
  if (!Number.isFinite(perSec) || perSec <= 0) throw new Error(`unexpected ConsumerPerformance output:\n${output}`)
  return { recordsPerSec: perSec, seconds: count / perSec }
}
