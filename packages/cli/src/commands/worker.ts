import type { DistributedConfig } from '@pipe/runtime'
import type { Command } from 'commander'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { loadClientConfig } from '../run/client-config.js'
import { openBackend, reachableBrokers } from '../run/open-backend.js'
import { resolveTarget, type Target } from '../run/run-options.js'
import { listenForStop } from '../run/stop-signal.js'
import { UserError } from '../errors/user-error.js'
import { cliVersion } from '../version.js'
import { readConnectorFile } from '../worker/connector-files.js'
import { startWorker } from '../worker/start-worker.js'
import { parseAuth, parseListeners } from '../worker/worker-options.js'
import { isWorkerFile, readWorkerFile, type WorkerFile } from '../worker/worker-properties.js'

export interface WorkerOptions {
  readonly listeners?: string
  readonly stateDir?: string
  readonly bootstrapServers?: string
  readonly clientConfig?: string
  readonly authToken?: string
  readonly authTokenFile?: string
  readonly authBasic?: string
  readonly groupId?: string
  readonly configStorageTopic?: string
  readonly offsetStorageTopic?: string
  readonly statusStorageTopic?: string
}

/** How long a Ctrl-C waits for connectors to finish and flush, as Kafka Connect's task.shutdown.graceful.timeout.ms. */
const SHUTDOWN_TIMEOUT_MS = 30_000

/** True when the server closed in time; false when the deadline passed first. */
async function closeWithin(server: { close(): Promise<void> }, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => { resolve(false) }, ms) })
  try {
    return await Promise.race([server.close().then(() => true as const), late])
  } finally {
    clearTimeout(timer)
  }
}

const where = (target: Target): string => (target.kind === 'embedded' ? `embedded store in ${target.stateDir}` : `Kafka at ${target.brokers.join(',')}`)

/**
 * Distributed mode's settings, from `--group-id` and the storage topic options; the topics default
 * to `<group.id>-configs`, `<group.id>-offsets` and `<group.id>-status`, so that two groups (or a
 * Kafka Connect cluster with the sample names `connect-*`) never share them by accident.
 */
function distributedConfig(options: WorkerOptions, target: Target, files: readonly string[], workerFile?: WorkerFile): DistributedConfig | undefined {
  const group = options.groupId?.trim()
  if (group === undefined) return undefined
  if (group === '') throw new UserError('PIPE_INVALID_OPTION', "invalid --group-id '': expected a group name, e.g. pipe-workers")
  if (target.kind !== 'kafka') throw new UserError('PIPE_INVALID_OPTION', `distributed mode (--group-id '${group}') needs Kafka`, 'pass --bootstrap-servers host:port (or set PIPE_BOOTSTRAP_SERVERS)')
  if (files.length > 0) throw new UserError('PIPE_INVALID_OPTION', `a distributed worker takes no connector files (got '${files[0] ?? ''}')`, 'create connectors through the REST API: POST /connectors, or pipe deploy --connect <worker url>')
  const security = target.client?.security
  const factors = workerFile?.replicationFactors
  return {
    ...(factors === undefined ? {} : { replicationFactors: factors }),
    bootstrapServers: target.brokers.join(','),
    ...(security === undefined ? {} : { security }),
    groupId: group,
    configTopic: options.configStorageTopic ?? `${group}-configs`,
    offsetsTopic: options.offsetStorageTopic ?? `${group}-offsets`,
    statusTopic: options.statusStorageTopic ?? `${group}-status`,
  }
}

const DEFAULT_LISTENERS = 'http://127.0.0.1:8083'

/** The worker file's settings under the flags: a flag given wins over the file's key. */
function withFileDefaults(options: WorkerOptions, file: WorkerFile | undefined): WorkerOptions {
  if (file === undefined) return options
  const fromFile: WorkerOptions = {
    ...(file.bootstrapServers === undefined ? {} : { bootstrapServers: file.bootstrapServers }),
    ...(file.groupId === undefined ? {} : { groupId: file.groupId }),
    ...(file.configStorageTopic === undefined ? {} : { configStorageTopic: file.configStorageTopic }),
    ...(file.offsetStorageTopic === undefined ? {} : { offsetStorageTopic: file.offsetStorageTopic }),
    ...(file.statusStorageTopic === undefined ? {} : { statusStorageTopic: file.statusStorageTopic }),
    ...(file.listeners === undefined ? {} : { listeners: file.listeners }),
  }
  return { ...fromFile, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) }
}

/** `pipe worker [worker.properties] [files...]`: a worker serving the Kafka Connect REST API until Ctrl-C, as connect-standalone / connect-distributed. */
export async function runWorker(files: readonly string[], given: WorkerOptions, io: IoHost): Promise<ExitCode> {
  const log = (line: string): void => { io.err(`[${new Date().toISOString()}] INFO ${line}\n`) }
  const warn = (line: string): void => { io.err(`${line}\n`) }
  try {
    const workerFile = files[0] !== undefined && isWorkerFile(files[0]) ? readWorkerFile(files[0], process.env, warn) : undefined
    const connectorFiles = workerFile === undefined ? files : files.slice(1)
    const options = withFileDefaults(given, workerFile)
    const listenersText = options.listeners ?? DEFAULT_LISTENERS
    const listeners = parseListeners(listenersText)
    const auth = parseAuth(options, process.env)
    const chosen = resolveTarget(options, process.env, loadClientConfig(options.clientConfig, process.env, warn) ?? workerFile?.client)
    distributedConfig(options, chosen, connectorFiles) // the options' own mistakes first, before any broker is asked
    // only the addresses that are brokers: the distributed herder's own clients bootstrap from them too
    const target: Target = chosen.kind === 'kafka' ? { ...chosen, brokers: await reachableBrokers(chosen) } : chosen
    const distributed = distributedConfig(options, target, connectorFiles, workerFile)
    const connectors = await Promise.all(connectorFiles.map(readConnectorFile))
    const offsets = distributed === undefined ? standaloneOffsets(workerFile, target, warn) : {}
    const backend = await openBackend(target, 'pipe-worker', distributed?.offsetsTopic, { owner: `pipe worker ${listenersText}` }, offsets)
    const stop = listenForStop(() => { log('stopping: connectors finish their batches and flush offsets (Ctrl-C again to force)') })
    try {
      const setup = { backend, listeners, auth, ...(workerFile?.advertised === undefined ? {} : { advertised: workerFile.advertised }), env: process.env, version: cliVersion(), log, out: (line: string) => { io.out(`${line}\n`) }, ...(distributed === undefined ? {} : { distributed }) }
      const server = await startWorker(setup, connectors)
      const mode = distributed === undefined ? `standalone${offsets.file === undefined ? '' : `, offsets in ${offsets.file}`}` : `distributed, group ${distributed.groupId}, topics ${distributed.configTopic}, ${distributed.offsetsTopic}, ${distributed.statusTopic}`
      log(`pipe worker (${mode}, ${where(target)}) REST API listening on ${server.urls.join(', ')}`)
      while (!stop.requested) await stop.wait(60_000)
      if (await closeWithin(server, SHUTDOWN_TIMEOUT_MS)) log('stopped')
      else log(`WARN connectors did not stop within ${String(SHUTDOWN_TIMEOUT_MS / 1000)} s; exiting anyway (records after their last committed offsets are delivered again on restart)`)
      return 0
    } finally {
      stop.dispose()
      if (!await closeWithin(backend, 10_000)) log('WARN the topic store did not close within 10 s; exiting anyway')
    }
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'worker', error)
    throw error
  }
}

export function registerWorker(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('worker')
    .description('run a long-lived worker serving the Kafka Connect REST API (standalone as connect-standalone, or distributed with --group-id)')
    .argument('[files...]', 'a Kafka Connect worker .properties file first (as connect-standalone / connect-distributed take it; flags override its keys), then connector config files to start: .json (POST /connectors body or flat config) or .properties')
    .option('--listeners <urls>', `where the REST API listens: http://host:port, several comma-separated (default: ${DEFAULT_LISTENERS}, or listeners of the worker file)`)
    .option('--state-dir <dir>', 'where the embedded store keeps topics and offsets', '.pipe')
    .option('--bootstrap-servers <list>', 'keep topics and offsets on this Kafka cluster (host:port,...) instead')
    .option('--client-config <file>', "a Kafka client .properties file: bootstrap.servers, security.protocol, sasl.*, ssl.* (default: $PIPE_CLIENT_CONFIG)")
    .option('--auth-token <token>', 'require this bearer token on every request (visible in ps: prefer --auth-token-file or PIPE_AUTH_TOKEN)')
    .option('--auth-token-file <file>', 'require the bearer token this file holds (trimmed) on every request')
    .option('--auth-basic <user:password>', 'require these basic credentials on every request')
    .option('--group-id <id>', 'distributed mode: share connectors and tasks with the other workers of this group (needs --bootstrap-servers)')
    .option('--config-storage-topic <topic>', "distributed: Kafka Connect's config.storage.topic (default <group-id>-configs)")
    .option('--offset-storage-topic <topic>', "distributed: Kafka Connect's offset.storage.topic (default <group-id>-offsets)")
    .option('--status-storage-topic <topic>', "distributed: Kafka Connect's status.storage.topic (default <group-id>-status)")
    .action(async (connectors: string[], options: WorkerOptions) => {
      setExitCode(await runWorker(connectors, options, io))
    })
}

/** Standalone on Kafka: source offsets in the worker file's offset.storage.file.filename, flushed every offset.flush.interval.ms. */
function standaloneOffsets(file: WorkerFile | undefined, target: Target, warn: (line: string) => void): { file?: string; flushIntervalMs?: number } {
  if (file === undefined) return {}
  const flush = file.offsetFlushIntervalMs === undefined ? {} : { flushIntervalMs: file.offsetFlushIntervalMs }
  if (file.offsetsFile === undefined) return flush
  if (target.kind !== 'kafka') {
    warn(`${file.file}: WARN offset.storage.file.filename applies on Kafka (bootstrap.servers); the embedded store keeps offsets in --state-dir`)
    return flush
  }
  return { ...flush, file: file.offsetsFile }
}
