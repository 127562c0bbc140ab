import type { SinkConnector } from '../tasks/sink-task.js'
import { systemClock } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { ConnectorHandle } from './connector-handle.js'
import { sinkConsumerGroup, type ConnectorConfig } from '@pipe/dsl/contract'

async function seedTask(backend: TopicBackend, plugin: SinkConnector, handle: ConnectorHandle, taskConfig: ConnectorConfig, member: { index: number; count: number }): Promise<void> {
  const topics = (handle.config['topics'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')
  const consumer = await backend.consumer({ group: sinkConsumerGroup(handle.name), topics, member })
  try {
    if ((await consumer.checkpoint()) !== null) return
    const task = plugin.createTask()
    if (task.checkpoint === undefined) return
    const signal = new AbortController().signal
    await task.start({ connectorName: handle.name, taskId: member.index, config: taskConfig, clock: systemClock, signal, checkpoint: null })
    const checkpoint = task.checkpoint()
    await task.stop()
    await consumer.commit([], checkpoint)
  } finally {
    await consumer.close()
  }
}

/**
 * Embedded store: commits the starting checkpoint of each checkpointing sink task (the FileStream
 * sink: its file's length, no offsets yet) before its first record. The engine commits a checkpoint
 * only with offsets, so a run killed before its first offset commit would restart with no
 * checkpoint: the sink could not tell the lines of the killed run, and would write them again
 * (duplicates). A sink file pipe cannot open fails here, in one line (a RuntimeError).
 */
export async function seedSinkCheckpoints(backend: TopicBackend, handles: readonly ConnectorHandle[]): Promise<void> {
  if (backend.kind !== 'embedded') return
  for (const handle of handles) {
    const plugin = handle.plugin
    if (plugin.type !== 'sink') continue
    const configs = plugin.taskConfigs(handle.config, Number(handle.config['tasks.max'] ?? '1'))
    for (const [index, config] of configs.entries()) await seedTask(backend, plugin, handle, config, { index, count: configs.length })
  }
}
