import type { CompiledConnector } from '../analyze/compile-pipelines.js'
import type { Diagnostic, DiagnosticLocation } from '../diagnostic.js'
import { ConnectError } from '../deploy/connect-error.js'
import { connectClient } from '../deploy/connect-url.js'
import { hasPlugin, type KafkaConnectClient } from '../deploy/kafka-connect-client.js'
import { locateConnector } from './locate-connector.js'
import { pluginVersionWarnings } from './plugin-version-check.js'

const SECRET_WITHHELD = "the worker's message is withheld because this key holds a secret, which the worker resolves before validating"

function unreachable(url: string, error: ConnectError): Diagnostic {
  return {
    code: 'PIPE_CONNECT_UNREACHABLE',
    severity: 'error',
    message: error.message,
    hint: `check that a Kafka Connect worker's REST API listens at ${url} (e.g. curl ${url}/connector-plugins)`,
  }
}

async function validateOne(client: KafkaConnectClient, plugins: readonly string[], compiled: CompiledConnector): Promise<Diagnostic[]> {
  const { document, pipeline } = compiled
  const connectorClass = document.config['connector.class'] ?? ''
  const where = (key?: string): { location?: DiagnosticLocation; pipeline: string; connector: string } => {
    const { location } = locateConnector(pipeline, document.name, key)
    return { ...(location === undefined ? {} : { location }), pipeline: pipeline.ir.name, connector: document.name }
  }
  const optionOf = (key: string): string => {
    const { option } = locateConnector(pipeline, document.name, key)
    return option === undefined ? '' : ` (option '${option}')`
  }
  if (!hasPlugin(plugins, connectorClass)) {
    return [{
      code: 'PIPE_CONNECT_PLUGIN_MISSING', severity: 'error', ...where(),
      message: `the worker has no connector plugin '${connectorClass}' (connector '${document.name}')`,
      hint: "install the plugin on the worker's plugin.path, or run this pipeline on pipe (`pipe compile --target pipe`)",
    }]
  }
  // the worker resolves ${env:...} and ${file:...} before validating: its message may quote the secret
  const isSecret = (key: string): boolean => /^\$\{[A-Za-z0-9_.-]+:/.test(document.config[key] ?? '')
  const result = await client.validate(connectorClass, { ...document.config, name: document.name })
  return result.errors.flatMap(({ key, messages }) => messages.map((message): Diagnostic => ({
    code: 'PIPE_CONNECT_INVALID_CONFIG', severity: 'error', ...where(key),
    message: `Kafka Connect rejects '${key}'${optionOf(key)} of connector '${document.name}': ${isSecret(key) ? SECRET_WITHHELD : message}`,
    hint: `fix the option that compiles to '${key}' (see the worker's answer to PUT /connector-plugins/${connectorClass}/config/validate)`,
  })))
}

/**
 * Asks a live Kafka Connect worker to validate each compiled config (PUT
 * /connector-plugins/{class}/config/validate) and reports its per-key errors at the pipeline's
 * file:line; warns (PIPE_CONNECT_PLUGIN_VERSION) where a pulled module was generated from another
 * version of its plugin than the worker's. Only error messages are reported, never config values
 * (they may hold resolved secrets).
 */
export async function validateOnWorker(url: string, connectors: readonly CompiledConnector[]): Promise<Diagnostic[]> {
  let shown = url
  try {
    const client = connectClient(url)
    // the client's URL: without the credentials `--connect http://user:password@host` may hold
    shown = client.url
    const plugins = await client.connectorPlugins()
    const results = await Promise.all(connectors.map((connector) => validateOne(client, plugins, connector)))
    // a worker older than Kafka 3.2 does not list SMTs (connectorsOnly=false): no version check then
    const versions = await client.pluginVersions().catch(() => [])
    const pipelines = [...new Set(connectors.map((connector) => connector.pipeline))]
    return [...results.flat(), ...pluginVersionWarnings(pipelines, versions, client.url)]
  } catch (error) {
    if (error instanceof ConnectError) return [unreachable(shown, error)]
    throw error
  }
}
