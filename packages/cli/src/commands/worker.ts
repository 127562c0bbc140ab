import type { Command } from 'commander'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { openBackend } from '../run/open-backend.js'
import { resolveTarget, type Target } from '../run/run-options.js'
import { listenForStop } from '../run/stop-signal.js'
import { UserError } from '../run/user-error.js'
import { cliVersion } from '../version.js'
import { readConnectorFile } from '../worker/connector-files.js'
import { startWorker } from '../worker/start-worker.js'
import { parseAuth, parseListener } from '../worker/worker-options.js'

export interface WorkerOptions {
  readonly listeners: string
  readonly stateDir?: string
  readonly bootstrapServers?: string
  readonly authToken?: string
  readonly authBasic?: string
  readonly groupId?: string
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

/** `pipe worker [files...]`: a standalone worker serving the Kafka Connect REST API until Ctrl-C. */
export async function runWorker(files: readonly string[], options: WorkerOptions, io: IoHost): Promise<ExitCode> {
  const log = (line: string): void => { io.err(`[${new Date().toISOString()}] INFO ${line}\n`) }
  try {
    if (options.groupId !== undefined) {
      throw new UserError('PIPE_NOT_IMPLEMENTED', `distributed mode is not implemented yet (--group-id '${options.groupId}')`, 'leave out --group-id to run a standalone worker')
    }
    const listener = parseListener(options.listeners)
    const auth = parseAuth(options.authToken, options.authBasic)
    const target = resolveTarget(options, process.env)
    const connectors = await Promise.all(files.map(readConnectorFile))
    const backend = await openBackend(target, 'pipe-worker')
    const stop = listenForStop(() => { log('stopping: connectors finish their batches and flush offsets (Ctrl-C again to force)') })
    try {
      const setup = { backend, listener, auth, env: process.env, version: cliVersion(), log, out: (line: string) => { io.out(`${line}\n`) } }
      const server = await startWorker(setup, connectors)
      log(`pipe worker (standalone, ${where(target)}) REST API listening on ${server.url}`)
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
    .description('run a long-lived worker serving the Kafka Connect REST API (standalone, as connect-standalone)')
    .argument('[connectors...]', 'connector config files to start: .json (POST /connectors body or flat config) or .properties')
    .option('--listeners <url>', 'where the REST API listens', 'http://127.0.0.1:8083')
    .option('--state-dir <dir>', 'where the embedded store keeps topics and offsets', '.pipe')
    .option('--bootstrap-servers <list>', 'keep topics and offsets on this Kafka cluster (host:port,...) instead')
    .option('--auth-token <token>', 'require this bearer token on every request')
    .option('--auth-basic <user:password>', 'require these basic credentials on every request')
    .option('--group-id <id>', 'distributed mode (not implemented yet)')
    .action(async (connectors: string[], options: WorkerOptions) => {
      setExitCode(await runWorker(connectors, options, io))
    })
}
