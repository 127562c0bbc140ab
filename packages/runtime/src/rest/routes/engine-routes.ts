import type { ConnectorDocument } from '@pipe/dsl/contract'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../errors.js'
import { RestError } from '../rest-error.js'
import type { Handler, RestRequest, Route } from '../router.js'

/** An engine's connectors, as `pipe run --ui` shows them: the configs as given (placeholders, never their values). */
export interface RunningConnectors {
  readonly engine: Engine
  readonly connectors: readonly ConnectorDocument[]
}

/** An unknown connector or task is Kafka Connect's 404. */
function known(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request)
    } catch (error) {
      if (error instanceof RuntimeError && (error.code === 'PIPE_UNKNOWN_CONNECTOR' || error.code === 'PIPE_UNKNOWN_TASK')) throw new RestError(404, error.message)
      throw error
    }
  }
}

/**
 * The part of Kafka Connect's REST API the console uses, over one engine (`pipe run --ui`): the
 * connectors with status and config, offsets, pause, resume, stop, restart (connector or task).
 */
export function engineRoutes(run: RunningConnectors): readonly Route[] {
  const { engine } = run
  const name = (r: RestRequest): string => r.params['name'] ?? ''
  const configOf = (n: string): ConnectorDocument['config'] => {
    const doc = run.connectors.find((c) => c.name === n)
    if (doc === undefined) throw new RestError(404, `Connector ${n} not found`)
    return doc.config
  }
  const list: Handler = (r) => {
    const expand = r.query.getAll('expand')
    if (expand.length === 0) return Promise.resolve({ status: 200, body: run.connectors.map((c) => c.name) })
    const body = Object.fromEntries(engine.statuses().map((status) => [status.name, {
      ...(expand.includes('status') ? { status } : {}),
      ...(expand.includes('info') ? { info: { name: status.name, config: configOf(status.name), tasks: status.tasks.map((t) => ({ connector: status.name, task: t.id })), type: status.type } } : {}),
    }]))
    return Promise.resolve({ status: 200, body })
  }
  const accepted = (act: (r: RestRequest) => Promise<void> | void): Handler => known(async (r) => { await act(r); return { status: 202 } })
  return [
    { method: 'GET', path: '/connectors', handler: list },
    { method: 'GET', path: '/connectors/{name}/status', handler: known((r) => Promise.resolve({ status: 200, body: engine.status(name(r)) })) },
    { method: 'GET', path: '/connectors/{name}/config', handler: (r) => Promise.resolve({ status: 200, body: configOf(name(r)) }) },
    { method: 'GET', path: '/connectors/{name}/offsets', handler: known(async (r) => ({ status: 200, body: await engine.offsets(name(r)) })) },
    { method: 'PUT', path: '/connectors/{name}/pause', handler: accepted((r) => { engine.pause(name(r)) }) },
    { method: 'PUT', path: '/connectors/{name}/resume', handler: accepted((r) => engine.resume(name(r))) },
    { method: 'PUT', path: '/connectors/{name}/stop', handler: accepted((r) => engine.stopConnector(name(r))) },
    { method: 'POST', path: '/connectors/{name}/restart', handler: accepted((r) => engine.restart(name(r), { includeTasks: r.query.get('includeTasks') === 'true', onlyFailed: r.query.get('onlyFailed') === 'true' })) },
    { method: 'POST', path: '/connectors/{name}/tasks/{task}/restart', handler: known(async (r) => { await engine.restartTask(name(r), Number(r.params['task'])); return { status: 204 } }) },
  ]
}
