import { builtinConnectors, builtinTransforms, startApiServer, type ApiAuth, type ApiServer, type DistributedConfig, type Herder, type TopicBackend } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import type { ConnectorFile } from './connector-files.js'
import type { Listener } from './worker-options.js'

/** What a standalone worker is started with. */
export interface WorkerSetup {
  readonly backend: TopicBackend
  readonly listeners: readonly [Listener, ...Listener[]]
  readonly auth: ApiAuth | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly version: string
  readonly log: (line: string) => void
  /** Where the FileStream sink writes lines when it has no file (standard output). */
  readonly out: (line: string) => void
  /** `rest.advertised.host.name` / `rest.advertised.port` of a worker file. */
  readonly advertised?: { readonly host?: string; readonly port?: number }
  /** Distributed mode: the group and its topics. */
  readonly distributed?: DistributedConfig
}

async function listen(setup: WorkerSetup): Promise<ApiServer> {
  try {
    return await startApiServer({
      backend: setup.backend,
      plugins: [builtinTransforms, builtinConnectors({ writer: { write: setup.out } })],
      host: setup.listeners[0].host,
      port: setup.listeners[0].port,
      moreListeners: setup.listeners.slice(1),
      env: setup.env,
      log: setup.log,
      version: setup.version,
      ...(setup.auth === undefined ? {} : { auth: setup.auth }),
      ...(setup.advertised === undefined ? {} : { advertised: setup.advertised }),
      ...(setup.distributed === undefined ? {} : { distributed: setup.distributed }),
    })
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    if (setup.distributed !== undefined && !(error instanceof Error && 'code' in error && (error.code === 'EADDRINUSE' || error.code === 'EACCES'))) {
      throw new UserError('PIPE_WORKER_GROUP', `cannot join worker group '${setup.distributed.groupId}' on ${setup.distributed.bootstrapServers}: ${why}`, 'check --bootstrap-servers and that the brokers are up')
    }
    const where = setup.listeners.map((l) => `${l.host}:${String(l.port)}`).join(', ')
    throw new UserError('PIPE_LISTEN_FAILED', `cannot listen on ${where}: ${why}`, 'pass free ports with --listeners http://127.0.0.1:<port>')
  }
}

async function createConnectors(herder: Herder, files: readonly ConnectorFile[]): Promise<void> {
  for (const f of files) {
    try {
      await herder.createConnector(f.name, f.config, f.initialState)
    } catch (error) {
      // the herder's refusals (worker errors) carry Kafka Connect's message (invalid config, unknown class, duplicate)
      const why = (error instanceof Error ? error.message : String(error)).split('\n').filter((l) => !l.startsWith('You can also find')).join(' ')
      throw new UserError('PIPE_INVALID_CONNECTOR_FILE', `${f.file}: connector '${f.name}' was refused: ${why}`, 'fix the file; PUT /connector-plugins/<class>/config/validate lists every problem')
    }
  }
}

/** Starts the REST API, then the connectors of the files, as connect-standalone does. */
export async function startWorker(setup: WorkerSetup, files: readonly ConnectorFile[]): Promise<ApiServer> {
  const server = await listen(setup)
  try {
    await createConnectors(server.herder, files)
  } catch (error) {
    await server.close()
    throw error
  }
  return server
}
