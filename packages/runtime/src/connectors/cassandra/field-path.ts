import { isConnectMap, type ConnectValue } from '../../records/connect-value.js'
import type { SinkRecord } from '../../records/connect-record.js'

/**
 * Resolves a column's source in a record: a dotted path into the value (`text`, `user.name`,
 * `entities.0.tag`), or record metadata: `$key` (or `$key.<path>`), `$topic`, `$partition`,
 * `$offset`, `$timestamp`. Returns `undefined` when the path leads nowhere.
 */
export function resolveField(record: SinkRecord, path: string): ConnectValue | undefined {
  switch (path) {
    case '$topic':
      return record.topic
    case '$partition':
      return record.kafkaPartition
    case '$offset':
      return record.kafkaOffset
    case '$timestamp':
      return record.timestamp
    case '$key':
      return record.key
    case '$value':
      return record.value
    default:
      return path.startsWith('$key.') ? walk(record.key, path.slice('$key.'.length)) : walk(record.value, path)
  }
}

function walk(root: ConnectValue, path: string): ConnectValue | undefined {
  let current: ConnectValue | undefined = root
  for (const part of path.split('.')) {
    if (current === undefined || current === null) return undefined
    if (Array.isArray(current)) {
      const list: readonly ConnectValue[] = current
      current = /^\d+$/.test(part) ? list[Number(part)] : undefined
    } else if (isConnectMap(current)) {
      current = Object.hasOwn(current, part) ? current[part] : undefined
    } else {
      return undefined
    }
  }
  return current
}
