import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { waitFor } from '../../support/wait-for.js'
import { freePort } from './pipe-worker.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'packages/cli/bin/pipe.js')

/** A `pipe worker --group-id` process. */
export interface DistributedWorker {
  readonly url: string
  /** `host:port`, its worker_id in statuses. */
  readonly id: string
  output(): string
  /** Ctrl-C; resolves the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>
}

/** Starts `pipe worker --group-id <group> --bootstrap-servers <brokers> [...args]` and waits until it serves. */
export async function startDistributedWorker(group: string, bootstrapServers: string, env: Readonly<Record<string, string>> = {}, args: readonly string[] = []): Promise<DistributedWorker> {
  if (!existsSync(join(ROOT, 'packages/cli/dist/bin.js'))) throw new Error('the CLI is not built: run `pnpm build` first')
  const port = await freePort()
  const id = `127.0.0.1:${String(port)}`
  const url = `http://${id}`
  const child = spawn(process.execPath, [BIN, 'worker', '--listeners', url, '--group-id', group, '--bootstrap-servers', bootstrapServers, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((done) => { child.once('exit', (code) => { done(code) }) })
  // serving means: joined the group (the log line comes after the herder started)
  await waitFor(`worker ${id} to join group ${group}`, () => {
    if (child.exitCode !== null) throw new Error(`pipe worker exited with ${String(child.exitCode)}:\n${output}`)
    return Promise.resolve(output.includes('REST API listening') ? true : undefined)
  }, 60_000, 100).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`)
  })
  return {
    url, id,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      const timer = setTimeout(() => { child.kill('SIGKILL') }, 60_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET ${url}: ${String(response.status)} ${await response.text()}`)
  return await response.json() as T // cast: Kafka Connect REST shapes, checked by the tests
}

export async function send(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as unknown }
}

export interface Status {
  readonly connector: { readonly state: string; readonly worker_id: string }
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly worker_id: string }[]
}

export async function createTopics(bootstrapServers: string, topics: readonly string[], partitions: number): Promise<void> {
  const admin = new Kafka({ clientId: 'pipe-test-admin', brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: partitions })) })
  } finally {
    await admin.disconnect()
  }
}

/** Reads a topic from the beginning until `distinct` different values arrived; returns distinct and total counts. */
export async function readDistinct(bootstrapServers: string, topic: string, distinct: number, timeoutMs: number): Promise<{ distinct: number; total: number }> {
  const consumer = new Kafka({ clientId: 'pipe-test-reader', brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `pipe-test-${randomUUID()}` })
  const values = new Set<string>()
  let total = 0
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((done) => {
      const timer = setTimeout(done, timeoutMs)
      void consumer.run({
        eachBatch: ({ batch }) => {
          for (const m of batch.messages) {
            total++
            values.add(m.value?.toString('utf8') ?? '')
          }
          if (values.size >= distinct) {
            clearTimeout(timer)
            done()
          }
          return Promise.resolve()
        },
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return { distinct: values.size, total }
}
