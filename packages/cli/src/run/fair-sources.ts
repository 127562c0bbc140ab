import type { ConnectorRegistry, SourceConnector, SourceTask } from '@pipe/runtime'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A source task whose polls first yield to the event loop. A source that answers from memory
 * (datagen) and a synchronous store would otherwise keep the loop busy with promise jobs only:
 * no sink timer, progress redraw or Ctrl-C handler would run until the source ran dry.
 */
function fairTask(task: SourceTask): SourceTask {
  return {
    start: (context) => task.start(context),
    poll: async () => {
      await nextTurn()
      return task.poll()
    },
    ...(task.commit === undefined ? {} : { commit: () => task.commit?.() ?? Promise.resolve() }),
    ...(task.commitRecord === undefined ? {} : { commitRecord: (record, offset) => task.commitRecord?.(record, offset) ?? Promise.resolve() }),
    // what the engine asks between polls: a task's problem (a missing file) and whether it is busy (a long line)
    ...(task.problem === undefined ? {} : { problem: () => task.problem?.() }),
    ...(task.isBusy === undefined ? {} : { isBusy: () => task.isBusy?.() ?? false }),
    stop: () => task.stop(),
  }
}

/** The registry with every source connector's polls yielding to the event loop. */
export function withFairSources(registry: ConnectorRegistry): ConnectorRegistry {
  const connectors: Record<string, SourceConnector> = {}
  for (const name of registry.connectorClasses()) {
    const plugin = registry.connector(name)
    if (plugin?.type === 'source') connectors[name] = { ...plugin, createTask: () => fairTask(plugin.createTask()) }
  }
  return registry.with({ connectors })
}
