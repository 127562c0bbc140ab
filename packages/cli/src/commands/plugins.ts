import type { Command } from 'commander'
import { connectUrl, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import { createConnectTransport } from '../deploy/kafka-connect-client.js'
import { knownError } from '../errors/known-error.js'
import type { ExitCode } from '../exit-code.js'
import { isPulledType } from '../plugins/plugin-info.js'
import { pluginNames } from '../plugins/plugin-names.js'
import { pullPlugins } from '../plugins/pull-plugins.js'
import { listPlugins, newestVersions } from '../plugins/read-plugins.js'
import { pluginTitle } from '../plugins/render-plugin-module.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'

/**
 * Options of `pipe plugins pull`.
 *
 * @example
 * ```ts
 * const o: PluginsPullOptions = { connect: 'http://127.0.0.1:8083', plugin: ['PostgresConnector'], out: 'connectors' }
 * ```
 */
export interface PluginsPullOptions {
  readonly connect?: string
  readonly plugin?: readonly string[]
  readonly out?: string
  readonly json?: boolean
}

/**
 * Options of `pipe plugins list`.
 *
 * @example
 * ```ts
 * const o: PluginsListOptions = { connect: 'http://127.0.0.1:8083', json: true }
 * ```
 */
export interface PluginsListOptions {
  readonly connect?: string
  readonly json?: boolean
}

function report(io: IoHost, command: string, error: unknown, json: boolean): ExitCode {
  const known = knownError(error)
  if (known === undefined) throw error
  return reportOneLine(io, command, known, json)
}

/**
 * `pipe plugins pull`: writes one typed module per plugin of the worker (or per `--plugin`) into `--out`;
 * progress on stderr, one line per plugin; `--json` prints what was written.
 *
 * @example
 * ```ts
 * const code = await runPluginsPull({ connect: 'http://127.0.0.1:8083', out: 'connectors' }, io)
 * ```
 */
export async function runPluginsPull(options: PluginsPullOptions, io: IoHost, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const json = options.json === true
  const out = options.out ?? 'connectors'
  try {
    const transport = createConnectTransport(connectUrl(options.connect, env), { token: env['PIPE_CONNECT_TOKEN'] })
    const started = performance.now()
    const result = await pullPlugins(transport, {
      out,
      plugins: options.plugin ?? [],
      onRead: (plugin, done, total) => { io.err(`pulled ${String(done)}/${String(total)} ${plugin.type} ${pluginTitle(plugin)} (${String(plugin.keys.length)} keys)\n`) },
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    if (json) {
      io.out(`${JSON.stringify({ status: 'ok', connect: transport.base, out, modules: result.modules, ...result.files }, null, 2)}\n`)
    } else {
      const { written, unchanged, removed } = result.files
      const changes = [`${String(written.length)} written`, `${String(unchanged.length)} unchanged`, ...(removed.length > 0 ? [`${String(removed.length)} removed`] : [])]
      io.out(`pulled ${String(result.modules.length)} plugin${result.modules.length === 1 ? '' : 's'} from ${transport.base} into ${out}/ in ${seconds}s: ${changes.join(', ')}; import them from '${out}/index.js'\n`)
    }
    return 0
  } catch (error) {
    return report(io, 'plugins pull', error, json)
  }
}

/**
 * `pipe plugins list`: the worker's plugins, with the factory name a pull gives each one.
 *
 * @example
 * ```ts
 * const code = await runPluginsList({ connect: 'http://127.0.0.1:8083' }, io)
 * ```
 */
export async function runPluginsList(options: PluginsListOptions, io: IoHost, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const json = options.json === true
  try {
    const transport = createConnectTransport(connectUrl(options.connect, env), { token: env['PIPE_CONNECT_TOKEN'] })
    const plugins = newestVersions(await listPlugins(transport))
    const names = pluginNames(plugins.filter((plugin) => isPulledType(plugin.type)).map((plugin) => plugin.class))
    const rows = plugins.map((plugin) => ({ ...plugin, ...(names.has(plugin.class) ? { factory: names.get(plugin.class)?.factory } : {}) }))
    if (json) {
      io.out(`${JSON.stringify({ status: 'ok', connect: transport.base, plugins: rows }, null, 2)}\n`)
      return 0
    }
    const width = (pick: (row: (typeof rows)[number]) => string): number => Math.max(...rows.map((row) => pick(row).length), 0)
    const typeWidth = width((row) => row.type)
    const classWidth = width((row) => row.class)
    const versionWidth = width((row) => row.version ?? '-')
    const lines = rows.map((row) => `${row.type.padEnd(typeWidth)}  ${row.class.padEnd(classWidth)}  ${(row.version ?? '-').padEnd(versionWidth)}  ${row.factory ?? ''}`.trimEnd())
    io.out(`${lines.join('\n')}\n${String(rows.length)} plugins on ${transport.base}; \`pipe plugins pull\` writes a module for each source, sink, transformation and predicate\n`)
    return 0
  } catch (error) {
    return report(io, 'plugins list', error, json)
  }
}

const collect = (value: string, previous: readonly string[] = []): readonly string[] => [...previous, value]

/**
 * Registers `pipe plugins pull` and `pipe plugins list`.
 *
 * @example
 * ```ts
 * registerPlugins(program, io, setExitCode)
 * ```
 */
export function registerPlugins(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  const plugins = program.command('plugins').description("the plugins of a Kafka Connect worker: list them, or pull typed modules of them")
  plugins.command('pull')
    .description('write one typed TypeScript module per plugin of a Kafka Connect worker (connectors, SMTs, predicates), and an index.ts')
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--plugin <class>', 'pull only this plugin: its class, simple name or module name (repeatable; default: every plugin)', collect)
    .option('--out <dir>', 'the folder to write the modules into', 'connectors')
    .option('--json', 'print what was written as JSON on stdout')
    .action(async (options: PluginsPullOptions) => {
      setExitCode(await runPluginsPull(options, io))
    })
  plugins.command('list')
    .description('list the plugins of a Kafka Connect worker with their type and version')
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--json', 'print the plugins as JSON on stdout')
    .action(async (options: PluginsListOptions) => {
      setExitCode(await runPluginsList(options, io))
    })
}
