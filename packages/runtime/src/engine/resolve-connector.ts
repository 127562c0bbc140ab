import type { ConnectorPlugin } from '../tasks/connector-registry.js'
import type { ConnectState, ConnectorDocument } from '@pipe/dsl/contract'
import { resolveConfig, resolveTaskConfig, type EnvSource } from './config-providers.js'
import type { ConnectorHandle } from './connector-handle.js'

/**
 * The engine's record of a connector, its config-provider placeholders resolved once: the values
 * kept as secrets (scrubbed from statuses), and a placeholder that cannot be resolved kept as the
 * error its tasks fail with (it stays as written in the config, as in Kafka Connect).
 */
export function resolveConnector(def: ConnectorDocument, plugin: ConnectorPlugin, env: EnvSource, state: ConnectState = 'UNASSIGNED'): ConnectorHandle {
  const named = { ...def.config, name: def.name }
  const base = { name: def.name, plugin, state, trace: undefined, tasks: [] }
  try {
    const { config, secrets } = resolveTaskConfig(named, env)
    return { ...base, config, secrets }
  } catch (error) {
    const { config, secrets } = resolveConfig(named, env)
    return { ...base, config, secrets, unresolved: error instanceof Error ? error : new Error(String(error)) }
  }
}
