import { join } from 'node:path'
import type { ConnectTransport } from '../deploy/kafka-connect-client.js'
import type { PulledPlugin } from './plugin-info.js'
import { pluginNames } from './plugin-names.js'
import { hostConnector, listPlugins, newestVersions, readPlugins } from './read-plugins.js'
import { renderPluginModule } from './render-plugin-module.js'
import { selectPlugins } from './select-plugins.js'
import { checkWritable, writePluginModules, type WrittenModules } from './write-plugin-modules.js'

/**
 * One module a pull wrote (or found already right): the plugin and where its module is.
 *
 * @example
 * ```ts
 * const m: PulledModule = { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.2.0.Final',
 *   file: 'connectors/extract-new-record-state.ts', factory: 'extractNewRecordState', keys: 9 }
 * ```
 */
export interface PulledModule {
  readonly class: string
  readonly type: PulledPlugin['type']
  readonly version?: string
  readonly file: string
  readonly factory: string
  /** How many ConfigDef keys it has. */
  readonly keys: number
}

/**
 * What a pull did: the modules (in class order) and what happened to each file.
 *
 * @example
 * ```ts
 * const { modules, files } = await pullPlugins(transport, { out: 'connectors', plugins: [] })
 * ```
 */
export interface PullResult {
  readonly modules: readonly PulledModule[]
  readonly files: WrittenModules
}

/**
 * Options of {@link pullPlugins}.
 *
 * @example
 * ```ts
 * const o: PullOptions = { out: 'connectors', plugins: ['PostgresConnector', 'ExtractNewRecordState'] }
 * ```
 */
export interface PullOptions {
  readonly out: string
  /** Plugins to pull (classes or aliases); all of them when empty. */
  readonly plugins: readonly string[]
  /** Called as each plugin has been read. */
  readonly onRead?: (plugin: PulledPlugin, done: number, total: number) => void
}

/**
 * `pipe plugins pull`: lists the worker's plugins, reads the selected ones (ConfigDef and recommended
 * values) and writes one module per plugin plus `index.ts` into `out`. Module names are computed over
 * every plugin the worker lists, so pulling one plugin or all gives it the same file.
 *
 * @example
 * ```ts
 * const result = await pullPlugins(createConnectTransport('http://127.0.0.1:8083'), { out: 'connectors', plugins: [] })
 * ```
 */
export async function pullPlugins(transport: ConnectTransport, options: PullOptions): Promise<PullResult> {
  const listing = newestVersions(await listPlugins(transport))
  const all = selectPlugins(listing, [], new Map(), transport.base)
  const names = pluginNames(all.map((plugin) => plugin.class))
  const selected = selectPlugins(listing, options.plugins, names, transport.base)
  await checkWritable(options.out, selected.flatMap((plugin) => names.get(plugin.class)?.file ?? []))
  const pulled = await readPlugins(transport, selected, hostConnector(listing), (plugin, done) => options.onRead?.(plugin, done, selected.length))
  const modules = pulled.flatMap((plugin) => {
    const name = names.get(plugin.class)
    return name === undefined ? [] : [{ plugin, name, text: renderPluginModule(plugin, name) }]
  })
  const files = await writePluginModules(options.out, modules.map(({ name, text }) => ({ file: name.file, text })), { removeStale: options.plugins.length === 0 })
  return {
    modules: modules.map(({ plugin, name }) => ({
      class: plugin.class,
      type: plugin.type,
      ...(plugin.version === undefined ? {} : { version: plugin.version }),
      file: join(options.out, `${name.file}.ts`),
      factory: name.factory,
      keys: plugin.keys.length,
    })),
    files,
  }
}
