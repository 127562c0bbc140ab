import type { LoadedPipeline } from '../analyze/analyze-pipelines.js'
import type { Diagnostic } from '../diagnostic.js'
import type { PluginVersion } from '../deploy/kafka-connect-client.js'

/** One definition a pipeline uses that records the plugin version it was pulled from. */
interface VersionedUse {
  readonly className: string
  readonly version: string
  readonly what: string
  readonly nodeId: string
}

function versionedUses(pipeline: LoadedPipeline): VersionedUse[] {
  const uses: VersionedUse[] = []
  for (const [nodeId, definition] of pipeline.definitions.connectors) {
    const mapping = definition.kafkaConnect
    if ('class' in mapping && mapping.version !== undefined) uses.push({ className: mapping.class, version: mapping.version, what: `${definition.role} connector`, nodeId })
  }
  for (const [kind, map] of [['SMT', pipeline.definitions.transforms], ['predicate', pipeline.definitions.predicates]] as const) {
    for (const [nodeId, definition] of map) {
      if (definition.version !== undefined) uses.push({ className: definition.class, version: definition.version, what: kind, nodeId })
    }
  }
  return uses
}

/**
 * Warnings (PIPE_CONNECT_PLUGIN_VERSION) for each pulled definition a pipeline uses whose recorded plugin
 * version is not the worker's: the module was generated from another version of the plugin, whose keys
 * may differ. At the line of the node that uses it; one per pipeline, class and version.
 *
 * @example
 * ```ts
 * const warnings = pluginVersionWarnings(pipelines, await client.pluginVersions(), client.url)
 * ```
 */
export function pluginVersionWarnings(pipelines: readonly LoadedPipeline[], plugins: readonly PluginVersion[], url: string): Diagnostic[] {
  const versions = new Map<string, string | undefined>()
  for (const plugin of plugins) if (!versions.has(plugin.class) || plugin.version !== undefined) versions.set(plugin.class, plugin.version)
  const warnings: Diagnostic[] = []
  for (const pipeline of pipelines) {
    const seen = new Set<string>()
    for (const use of versionedUses(pipeline)) {
      // a class the worker lacks is PIPE_CONNECT_PLUGIN_MISSING (connectors) or the worker's own error (steps)
      if (!versions.has(use.className)) continue
      const live = versions.get(use.className)
      const key = `${use.className} ${use.version}`
      if (live === use.version || seen.has(key)) continue
      seen.add(key)
      const location = pipeline.ir.nodes.find((node) => node.id === use.nodeId)?.loc
      warnings.push({
        code: 'PIPE_CONNECT_PLUGIN_VERSION',
        severity: 'warning',
        ...(location === undefined ? {} : { location }),
        pipeline: pipeline.ir.name,
        message: `the ${use.what} ${use.className} was pulled from version ${use.version}, and the worker at ${url} has ${live ?? 'no version'}`,
        hint: `regenerate its module (\`pipe plugins pull --connect ${url} --plugin ${use.className}\`) and review the diff`,
      })
    }
  }
  return warnings
}
