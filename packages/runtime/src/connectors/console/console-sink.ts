import { javaToString } from '../../converters/java-to-string.js'
import { toJsonText } from '../../converters/json-text.js'
import type { SinkConnector } from '../../tasks/sink-task.js'
import type { LineWriter } from '../../tasks/task-context.js'

/** `pipe:console-sink`: writes each record value as a line (`format` json | text, optional `prefix`) through `writer`. */
export function consoleSinkConnector(writer: LineWriter): SinkConnector {
  return {
    type: 'sink',
    taskConfigs: (config, maxTasks) => Array.from({ length: maxTasks }, () => config),
    createTask: () => {
      let format = 'json'
      let prefix = ''
      return {
        start: (context) => {
          format = context.config['format'] ?? 'json'
          prefix = context.config['prefix'] ?? ''
          return Promise.resolve()
        },
        put: (records) => {
          for (const r of records) writer.write(`${prefix}${format === 'text' ? javaToString(r.value) : toJsonText(r.value)}`)
          return Promise.resolve()
        },
        flush: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      }
    },
  }
}
