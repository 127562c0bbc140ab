import type { ApiContext } from '../api-context.js'
import { pluginConfigKeys } from '../../worker/config-defs.js'
import { configMap } from '../json-body.js'
import { listPlugins, resolvePlugin, unknownClassMessage } from '../../worker/plugins.js'
import { badRequest, notFound, serverError } from '../rest-error.js'
import type { RestRequest, RestResponse, Route } from '../router.js'
import { validateConnectorConfig } from '../../worker/validate-config.js'

const stripConnector = (s: string): string => (s.endsWith('Connector') ? s.slice(0, -'Connector'.length) : s)

async function validate(ctx: ApiContext, r: RestRequest): Promise<RestResponse> {
  const pluginName = r.params['plugin'] ?? ''
  const config = configMap(await r.body(), 'connector config')
  const className = config['connector.class']
  if (className === undefined || className === null) {
    const shown = Object.entries(config).map(([k, v]) => `${k}=${String(v)}`).join(', ')
    throw serverError(`org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {${shown}} contains no connector type`)
  }
  if (!stripConnector(className).endsWith(stripConnector(pluginName))) {
    throw badRequest(`Included connector type ${className} does not match request type ${pluginName}`)
  }
  const plugin = resolvePlugin(ctx.registry, className)
  if (plugin === undefined) throw serverError(`org.apache.kafka.connect.errors.ConnectException: ${unknownClassMessage(ctx.registry, className)}`)
  return { status: 200, body: validateConnectorConfig(plugin, config, ctx.registry) }
}

/** `GET /connector-plugins`, a plugin's config keys, and config validation. */
export function pluginRoutes(ctx: ApiContext): readonly Route[] {
  return [
    {
      method: 'GET',
      path: '/connector-plugins',
      handler: (r) => Promise.resolve({ status: 200, body: listPlugins(ctx.registry, ctx.pluginSets, r.query.get('connectorsOnly') !== 'false', ctx.serverInfo.version) }),
    },
    {
      method: 'GET',
      path: '/connector-plugins/{plugin}/config',
      handler: (r) => {
        const name = r.params['plugin'] ?? ''
        const plugin = resolvePlugin(ctx.registry, name)
        if (plugin === undefined) throw notFound(`Unknown plugin ${name}.`)
        return Promise.resolve({ status: 200, body: pluginConfigKeys(plugin.type, plugin.className) })
      },
    },
    { method: 'PUT', path: '/connector-plugins/{plugin}/config/validate', handler: (r) => validate(ctx, r) },
  ]
}
