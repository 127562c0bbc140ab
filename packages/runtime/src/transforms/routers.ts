import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import { formatJavaDate } from '../java/java-date-format.js'
import { DataException, requiredString } from './smt-support.js'
import { javaRegex, javaReplacement } from '../java/java-regex.js'

/** `RegexRouter`: when the regex matches the whole topic, the topic becomes `replaceFirst(replacement)`. */
export function regexRouter(config: ConnectorConfig): Transformation {
  const regex = javaRegex(requiredString(config, 'regex'))
  const replacement = javaReplacement(requiredString(config, 'replacement'))
  return {
    apply(record) {
      if (!regex.test(record.topic)) return record
      return { ...record, topic: record.topic.replace(regex, replacement) }
    },
  }
}

/** `TimestampRouter`: the topic becomes `topic.format` with `${topic}` and `${timestamp}` (UTC) filled in. */
export function timestampRouter(config: ConnectorConfig): Transformation {
  const topicFormat = config['topic.format'] ?? '${topic}-${timestamp}'
  const timestampFormat = config['timestamp.format'] ?? 'yyyyMMdd'
  return {
    apply(record) {
      if (record.timestamp === null) throw new DataException('Timestamp missing on record')
      const stamp = formatJavaDate(timestampFormat, record.timestamp)
      const topic = topicFormat.replaceAll('${topic}', () => record.topic).replaceAll('${timestamp}', () => stamp)
      return { ...record, topic }
    },
  }
}
