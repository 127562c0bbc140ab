import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { repoRoot, runPipe, type PipeRun } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'

/** Where a deploy test runs: Apache Kafka Connect, or `pipe worker` with its embedded store or with its topics on Kafka. */
export type DeployTargetKind = 'connect' | 'pipe' | 'pipe-kafka'

/**
 * The workers every deploy test runs on, with the same test body (`describe.each(DEPLOY_TARGETS)`):
 * pipe's commands must work unchanged against Apache Kafka Connect and against a pipe worker.
 */
export const DEPLOY_TARGETS: readonly { readonly kind: DeployTargetKind; readonly label: string }[] = [
  { kind: 'connect', label: 'Apache Kafka Connect' },
  { kind: 'pipe', label: 'pipe worker (embedded store)' },
  { kind: 'pipe-kafka', label: 'pipe worker (topics on Kafka)' },
]

/** The parts of `pipe plan --json` / `pipe deploy --json` the tests read. */
export interface PlanReport {
  status: string
  hasChanges: boolean
  summary: Record<string, number>
  actions: { type: string; name: string; pipeline?: string; changes: { key: string; from?: string; to?: string }[]; resetsOffsets: boolean }[]
  applied?: { name: string; action: string; state?: string; failures: unknown[] }[]
}

/**
 * A throw-away pipeline project in a temp folder: its own tsconfig.json (extending the repo's
 * tsconfig.base.json), data files, and pipeline files the test writes, changes and removes, so the
 * committed pipelines/ stay untouched. Names carry a random suffix so runs never collide.
 */
export class DeployProject {
  readonly id = randomUUID().slice(0, 8)
  readonly dir = mkdtempSync(join(tmpdir(), 'pipe-deploy-'))
  readonly data = join(this.dir, 'data')
  /** Connectors to delete at the end, whatever the test did. */
  readonly created = new Set<string>()
  #url: string | undefined
  #worker: PipeWorker | undefined

  constructor(readonly target: DeployTargetKind = 'connect') {
    mkdirSync(this.data)
    writeFileSync(join(this.dir, 'tsconfig.json'), JSON.stringify({
      extends: join(repoRoot, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false },
      include: ['*.ts'],
    }, null, 2))
  }

  /** Starts the pipe worker of a pipe target (Kafka Connect is already running); call in beforeAll. */
  async start(): Promise<void> {
    if (this.target === 'connect') {
      this.#url = servers().connect.url
      return
    }
    this.#worker = await startPipeWorker(this.target === 'pipe-kafka' ? ['--bootstrap-servers', servers().kafka.bootstrapServers] : [])
    this.#url = this.#worker.url
  }

  /** The REST URL of the worker under test. */
  get url(): string {
    if (this.#url === undefined) throw new Error('DeployProject.start() was not called')
    return this.#url
  }

  /** `pipelines/file-copy.ts` with its files moved into the temp folder and a unique pipeline (file) and topic name. */
  fileCopy(pipeline: string, options: { out?: string; sinkName?: string } = {}): string {
    const text = readFileSync(join(repoRoot, 'pipelines', 'file-copy.ts'), 'utf8')
      .replace("'data/input.txt'", JSON.stringify(join(this.data, `${pipeline}-in.txt`)).replaceAll('"', "'"))
      .replace("'build/output.txt'", JSON.stringify(options.out ?? join(this.data, `${pipeline}-out.txt`)).replaceAll('"', "'"))
      .replace("topic('lines'", `topic('${pipeline}-lines'`)
    const named = options.sinkName === undefined ? text : text.replace(/(\.sink\(fileSink\(\{ file: '[^']*' \}\))\)/, `$1, { name: '${options.sinkName}' })`)
    if (!named.includes(this.data) || named.includes(`name: '${options.sinkName ?? ''}'`) !== (options.sinkName !== undefined)) {
      throw new Error('pipelines/file-copy.ts changed: update the deploy harness')
    }
    if (options.sinkName !== undefined) this.created.add(`${pipeline}-${options.sinkName}`)
    // an empty input unless the test writes one: Kafka Connect's file source waits for a missing
    // file, pipe's FAILS at once (so that `pipe run` names it)
    const input = join(this.data, `${pipeline}-in.txt`)
    if (!existsSync(input)) writeFileSync(input, '')
    return this.write(`${pipeline}.ts`, named)
  }

  write(file: string, text: string): string {
    writeFileSync(join(this.dir, file), text)
    for (const role of ['source', 'sink']) this.created.add(`${file.replace(/\.ts$/, '')}-${role}`)
    return join(this.dir, file)
  }

  remove(file: string): void {
    rmSync(join(this.dir, file))
  }

  /** The built `pipe` with `--connect` of the test worker. */
  pipe(args: readonly string[], env: Record<string, string> = {}): Promise<PipeRun> {
    return runPipe([...args, '--connect', this.url], { env })
  }

  /** `pipe <plan|deploy> --json`: the parsed report, and the run. */
  async json(args: readonly string[], env: Record<string, string> = {}): Promise<{ run: PipeRun; report: PlanReport }> {
    const run = await this.pipe([...args, '--json'], env)
    try {
      return { run, report: JSON.parse(run.stdout) as PlanReport }
    } catch {
      throw new Error(`pipe ${args.join(' ')} printed no JSON (exit ${String(run.status)}):\n${run.stdout}\n${run.stderr}`)
    }
  }

  async exists(name: string): Promise<boolean> {
    return (await connectRequest(this.url, 'GET', `/connectors/${name}`)).status === 200
  }

  /** Deletes every connector the test made, then its topics and sink consumer groups, and the temp folder. */
  async cleanup(): Promise<void> {
    if (this.#url === undefined) return
    for (const name of this.created) await connectRequest(this.url, 'DELETE', `/connectors/${name}`)
    // tasks stop after the 204: wait until they are gone, or a source would create its topic again
    for (const name of this.created) {
      await waitFor(`${name} to be gone`, async () => ((await connectRequest(this.url, 'GET', `/connectors/${name}/status`)).status === 404 ? true : undefined), 30_000)
    }
    if (this.#worker !== undefined) {
      const code = await this.#worker.stop()
      if (code !== 0) throw new Error(`pipe worker exited with ${String(code)}:\n${this.#worker.output().slice(-4000)}`)
    }
    if (this.target === 'pipe') {
      rmSync(this.dir, { recursive: true, force: true })
      return
    }
    const admin = new Kafka({ clientId: 'pipe-deploy-it', brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.includes(this.id))
      if (topics.length > 0) await admin.deleteTopics({ topics })
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((group) => group.includes(this.id))
      // a group is deletable once the worker's consumers left it, which a deleted connector's soon do
      if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined)
    } finally {
      await admin.disconnect()
    }
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Waits until `file` has at least `count` lines and returns them. */
export function linesOf(file: string, count: number): Promise<string[]> {
  return waitFor(`${String(count)} lines in ${file}`, () => {
    try {
      const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '')
      return Promise.resolve(lines.length >= count ? lines : undefined)
    } catch {
      return Promise.resolve(undefined)
    }
  }, 60_000)
}
