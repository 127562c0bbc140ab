import type { ApiContext } from '../api-context.js'
import { javaTrim } from '../../java/values-tokenizer.js'
import type { ConnectorInfo, TargetState } from '@pipe/dsl/contract'
import { configMap, isJsonObject, nonNullConfig } from '../json-body.js'
import { badRequest, serverError } from '../rest-error.js'
import type { RestRequest, RestResponse, Route } from '../router.js'
import { setOwn } from '../../records/own-property.js'
import { statusWithVersion } from '../status-version.js'

const created = (info: ConnectorInfo): RestResponse => ({ status: 201, body: info, headers: { location: `/connectors/${encodeURIComponent(info.name)}` } })

function initialState(value: unknown): TargetState | undefined {
  if (value === undefined || value === null) return undefined
  const state = typeof value === 'string' ? value.toUpperCase() : ''
  if (state === 'RUNNING' || state === 'PAUSED' || state === 'STOPPED') return state
  throw serverError(`Cannot deserialize value of type \`InitialState\` from ${JSON.stringify(value)}: not one of the values accepted: [RUNNING, PAUSED, STOPPED]`)
}

async function expandedList(ctx: ApiContext, expand: readonly string[]): Promise<RestResponse> {
  const names = await ctx.herder.connectorNames()
  if (expand.length === 0) return { status: 200, body: names }
  const out: Record<string, Record<string, unknown>> = {}
  for (const name of names) {
    const entry: Record<string, unknown> = {}
    try {
      if (expand.includes('status')) entry['status'] = statusWithVersion(await ctx.herder.connectorStatus(name), ctx.serverInfo.version)
      if (expand.includes('info')) entry['info'] = await ctx.herder.connectorInfo(name)
    } catch {
      continue // deleted while listing: omitted, as in Kafka Connect
    }
    setOwn(out, name, entry)
  }
  return { status: 200, body: out }
}

async function create(ctx: ApiContext, request: RestRequest): Promise<RestResponse> {
  const body = await request.body()
  if (body === null) throw serverError('Cannot read the connector creation request: the request has no body')
  if (!isJsonObject(body)) throw serverError('Cannot deserialize the connector creation request from a non-object JSON value')
  const config = body['config']
  if (config === null || config === undefined) throw serverError('Cannot read the connector config: the request has no "config" object')
  const rawName = body['name']
  // trimmed as Java's String.trim() does (code units up to U+0020 only), as Kafka Connect does
  const name = typeof rawName === 'string' ? javaTrim(rawName) : ''
  const state = initialState(body['initial_state'])
  return created(await ctx.herder.createConnector(name, nonNullConfig(configMap(config, 'connector config')), state))
}

/** Listing, creating, reading, configuring and deleting connectors. */
export function connectorRoutes(ctx: ApiContext): readonly Route[] {
  const name = (r: RestRequest): string => r.params['name'] ?? ''
  return [
    { method: 'GET', path: '/connectors', handler: (r) => expandedList(ctx, r.query.getAll('expand')) },
    { method: 'POST', path: '/connectors', handler: (r) => create(ctx, r) },
    { method: 'GET', path: '/connectors/{name}', handler: async (r) => ({ status: 200, body: await ctx.herder.connectorInfo(name(r)) }) },
    { method: 'DELETE', path: '/connectors/{name}', handler: async (r) => { await ctx.herder.deleteConnector(name(r)); return { status: 204 } } },
    { method: 'GET', path: '/connectors/{name}/config', handler: async (r) => ({ status: 200, body: await ctx.herder.connectorConfig(name(r)) }) },
    {
      method: 'PUT',
      path: '/connectors/{name}/config',
      handler: async (r) => {
        const result = await ctx.herder.putConnectorConfig(name(r), nonNullConfig(configMap(await r.body(), 'connector config')))
        return result.created ? created(result.info) : { status: 200, body: result.info }
      },
    },
    {
      method: 'PATCH',
      path: '/connectors/{name}/config',
      handler: async (r) => {
        const patch = configMap(await r.body(), 'connector config patch')
        if (patch['name'] !== undefined && patch['name'] !== name(r)) throw badRequest(`Connector name configuration (${String(patch['name'])}) doesn't match connector name in the URL (${name(r)})`)
        return { status: 200, body: await ctx.herder.patchConnectorConfig(name(r), patch) }
      },
    },
  ]
}
