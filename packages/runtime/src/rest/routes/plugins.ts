import type { ApiContext } from '../api-context.js'
import { pluginConfigKeys, type ConfigKeyInfo } from '../../worker/config-defs.js'
import { SMT_CONFIG_KEYS } from '../../worker/smt-config-keys.js'
import type { PluginSet } from '../../tasks/connector-registry.js'
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
  // Kafka Connect 4.x wraps the ConnectException in a BadRequestException here, and still answers 500
  if (plugin === undefined) throw serverError(`org.apache.kafka.connect.runtime.rest.errors.BadRequestException: org.apache.kafka.connect.errors.ConnectException: ${unknownClassMessage(ctx.registry, className)}`)
  return { status: 200, body: validateConnectorConfig(plugin, config, ctx.registry, ctx.serverInfo.version) }
}

/**
 * The ConfigDef of a listed SMT or predicate (by class, or by simple name as Kafka Connect takes it);
 * undefined when the worker has none by that name.
 */
function transformConfigKeys(sets: readonly PluginSet[], name: string): readonly ConfigKeyInfo[] | undefined {
  const listed = sets.flatMap((set) => [...Object.keys(set.transforms ?? {}), ...Object.keys(set.predicates ?? {})]).filter((c) => c.includes('.'))
  const className = listed.find((c) => c === name) ?? listed.find((c) => c.slice(c.lastIndexOf('.') + 1) === name)
  return className === undefined ? undefined : SMT_CONFIG_KEYS[className] ?? []
}

/** `GET /connector-plugins`, a plugin's config keys (connectors, SMTs, predicates), and config validation. */
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
        if (plugin !== undefined) return Promise.resolve({ status: 200, body: pluginConfigKeys(plugin.type, plugin.className, ctx.serverInfo.version) })
        const transform = transformConfigKeys(ctx.pluginSets, name)
        if (transform === undefined) throw notFound(`Unknown plugin ${name}.`)
        return Promise.resolve({ status: 200, body: transform })
      },
    },
    { method: 'PUT', path: '/connector-plugins/{plugin}/config/validate', handler: (r) => validate(ctx, r) },
  ]
}
