import { RuntimeError } from '../../errors.js'
import type { RecordOutput } from '../../tasks/task-context.js'
import type { SinkConnector } from '../../tasks/sink-task.js'

/**
 * `pipe:topic-to-topic-sink`: copies the records of `topics`, after the connector's transform
 * chain, to `topic` (same converters on both sides). At least once: records are written before
 * the consumer offsets that read them are committed.
 */
export const topicToTopicSinkConnector: SinkConnector = {
  type: 'sink',
  validate: (config) => (config['topic'] === undefined || config['topic'] === '' ? ["'topic' (the target topic) is required"] : []),
  taskConfigs: (config, maxTasks) => Array.from({ length: maxTasks }, () => config),
  createTask: () => {
    let target = ''
    let output: RecordOutput | undefined
    return {
      start(context) {
        target = context.config['topic'] ?? ''
        output = context.output
        if (output === undefined) return Promise.reject(new RuntimeError('PIPE_NO_OUTPUT', 'topic-to-topic needs an engine that provides record output'))
        return Promise.resolve()
      },
      put: (records) => output?.send(records.map((r) => ({ ...r, topic: target, kafkaPartition: null }))) ?? Promise.resolve(),
      flush: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    }
  },
}
