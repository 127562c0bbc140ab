import { UserError } from '../errors/user-error.js'
import { isPulledType, type PluginListing, type PulledType } from './plugin-info.js'
import type { PluginNames } from './plugin-names.js'

/**
 * A listed plugin pull writes a module for.
 *
 * @example
 * ```ts
 * const p: PullablePlugin = { class: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone', type: 'predicate' }
 * ```
 */
export type PullablePlugin = PluginListing & { readonly type: PulledType }

const isPullable = (plugin: PluginListing): plugin is PullablePlugin => isPulledType(plugin.type)

const simpleName = (name: string): string => name.slice(name.lastIndexOf('.') + 1)

/** Whether `alias` names `plugin`: its class, its simple name (with or without `Connector`), its file or factory name. */
function names(plugin: PluginListing, alias: string, generated: PluginNames | undefined): boolean {
  const simple = simpleName(plugin.class)
  const candidates = [plugin.class, simple, simple.replace(/Connector$/, ''), generated?.file, generated?.factory]
  return candidates.some((candidate) => candidate !== undefined && candidate.toLowerCase() === alias.toLowerCase())
}

/**
 * The plugins a pull writes: every source, sink, transformation and predicate the worker lists, or those
 * `requested` names (a class, its simple name, the simple name without `Connector`, or the module's file
 * or factory name, case-insensitive). An unknown, ambiguous or converter name is a one-line UserError.
 *
 * @example
 * ```ts
 * selectPlugins(listing, ['ExtractNewRecordState'], names, url) // [{ class: 'io.debezium.transforms.ExtractNewRecordState', ... }]
 * ```
 */
export function selectPlugins(listing: readonly PluginListing[], requested: readonly string[], generated: ReadonlyMap<string, PluginNames>, url: string): PullablePlugin[] {
  const pullable = listing.filter((plugin): plugin is PullablePlugin => isPulledType(plugin.type))
  if (requested.length === 0) return pullable
  const chosen = new Map<string, PullablePlugin>()
  for (const alias of requested) {
    const exact = listing.filter((plugin) => plugin.class === alias)
    const found = exact.length > 0 ? exact : listing.filter((plugin) => names(plugin, alias, generated.get(plugin.class)))
    // a class listed twice (JsonConverter is a converter and a header converter) is one plugin: pullable if either is
    const matches = [...new Map([...found].sort((a, b) => Number(isPullable(a)) - Number(isPullable(b))).map((plugin) => [plugin.class, plugin])).values()]
    const [first, ...rest] = matches
    if (first === undefined) {
      throw new UserError('PIPE_PLUGIN_UNKNOWN', `the worker at ${url} has no plugin '${alias}'`, `run \`pipe plugins list --connect ${url}\` to see its plugins, and pass one of their classes to --plugin`)
    }
    if (rest.length > 0) {
      throw new UserError('PIPE_PLUGIN_AMBIGUOUS', `--plugin '${alias}' names ${String(matches.length)} plugins of the worker: ${matches.map((plugin) => plugin.class).join(', ')}`, 'pass the full class name to --plugin')
    }
    if (!isPullable(first)) {
      throw new UserError('PIPE_PLUGIN_NOT_PULLABLE', `'${first.class}' is a ${first.type.replace('_', ' ')}, and pull writes modules for sources, sinks, transformations and predicates only`, 'leave it out of --plugin (pipe sets the converters of the connectors it compiles)')
    }
    chosen.set(first.class, first)
  }
  return listing.filter((plugin): plugin is PullablePlugin => chosen.has(plugin.class) && isPulledType(plugin.type))
}
