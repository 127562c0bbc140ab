import type { ApiContext } from '../api-context.js'
import { notFound } from '../rest-error.js'
import type { RestRequest, Route } from '../router.js'
import { stateWithVersion, statusWithVersion } from '../status-version.js'

const flag = (r: RestRequest, key: string): boolean => (r.query.get(key) ?? 'false').toLowerCase() === 'true'

function taskId(r: RestRequest): number {
  const raw = r.params['task'] ?? ''
  // Jersey cannot convert a non-integer path parameter: 404
  if (!/^-?\d+$/.test(raw)) throw notFound('HTTP 404 Not Found')
  return Number(raw)
}

/** Status, tasks, restart, pause, resume and stop of a connector. */
export function connectorStateRoutes(ctx: ApiContext): readonly Route[] {
  const name = (r: RestRequest): string => r.params['name'] ?? ''
  const h = ctx.herder
  // the plugins' version: pipe's own plugins are versioned with the worker, as Kafka Connect's built-in ones
  const { version } = ctx.serverInfo
  return [
    { method: 'GET', path: '/connectors/{name}/status', handler: async (r) => ({ status: 200, body: statusWithVersion(await h.connectorStatus(name(r)), version) }) },
    { method: 'GET', path: '/connectors/{name}/tasks', handler: async (r) => ({ status: 200, body: await h.taskConfigs(name(r)) }) },
    // GET /connectors/{name}/tasks-config: deprecated in 3.7 (KIP-970), removed in Kafka Connect 4.0 (404)
    { method: 'GET', path: '/connectors/{name}/tasks/{task}/status', handler: async (r) => ({ status: 200, body: stateWithVersion(await h.taskStatus(name(r), taskId(r)), version) }) },
    {
      method: 'POST',
      path: '/connectors/{name}/restart',
      handler: async (r) => {
        const status = await h.restartConnector(name(r), { includeTasks: flag(r, 'includeTasks'), onlyFailed: flag(r, 'onlyFailed') })
        return status === undefined ? { status: 204 } : { status: 202, body: statusWithVersion(status, version) }
      },
    },
    { method: 'POST', path: '/connectors/{name}/tasks/{task}/restart', handler: async (r) => { await h.restartTask(name(r), taskId(r)); return { status: 204 } } },
    { method: 'PUT', path: '/connectors/{name}/pause', handler: async (r) => { await h.pauseConnector(name(r)); return { status: 202 } } },
    { method: 'PUT', path: '/connectors/{name}/resume', handler: async (r) => { await h.resumeConnector(name(r)); return { status: 202 } } },
    { method: 'PUT', path: '/connectors/{name}/stop', handler: async (r) => { await h.stopConnector(name(r)); return { status: 204 } } },
  ]
}
