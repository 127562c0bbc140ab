import { startObserveServer, type ConnectorDocument, type Engine, type ObserveServer, type WorkerSample } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import type { ProgressView } from './progress-view.js'
import type { ListenAddress } from './run-options.js'

/** `--metrics host:port` (GET /metrics) and `--ui host:port` (the web console, /metrics and the REST calls it makes), for as long as the run lasts. */
export function observer(plan: { readonly connectors: readonly ConnectorDocument[] }, addresses: { readonly metrics: ListenAddress | undefined; readonly ui: ListenAddress | undefined }, view: ProgressView): ((engine: Engine) => Promise<{ close(): Promise<void> }>) | undefined {
  const wanted = [['--metrics', addresses.metrics] as const, ['--ui', addresses.ui] as const].filter((w): w is readonly ['--metrics' | '--ui', ListenAddress] => w[1] !== undefined)
  if (wanted.length === 0) return undefined
  return async (engine) => {
    const servers: ObserveServer[] = []
    const sample = async (): Promise<WorkerSample> => ({ connectors: await engine.sample(), startups: engine.startups(), storeBytes: engine.storeBytes() })
    try {
      for (const [option, address] of wanted) {
        const server = await startObserveServer({ ...address, sample, ...(option === '--ui' ? { console: { engine, connectors: plan.connectors } } : {}) }).catch((error: unknown) => {
          const why = error instanceof Error ? error.message : String(error)
          throw new UserError('PIPE_LISTEN_FAILED', `cannot listen on ${address.host}:${String(address.port)} for ${option}: ${why}`, `pass a free port, e.g. ${option} 127.0.0.1:0`)
        })
        servers.push(server)
        view.log(option === '--ui' ? `console at ${server.url}/ui/` : `metrics at ${server.url}/metrics`)
      }
    } catch (error) {
      await Promise.all(servers.map((s) => s.close()))
      throw error
    }
    return { close: async () => { await Promise.all(servers.map((s) => s.close())) } }
  }
}

