import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Predicate } from '../tasks/transformation.js'
import { javaRegex } from '../java/java-regex.js'
import { requiredString } from './smt-support.js'

/** `TopicNameMatches`: the whole topic matches `pattern`. */
export function topicNameMatches(config: ConnectorConfig): Predicate {
  const pattern = javaRegex(requiredString(config, 'pattern'))
  return { test: (record) => pattern.test(record.topic) }
}

/** `HasHeaderKey`: some header has key `name`. */
export function hasHeaderKey(config: ConnectorConfig): Predicate {
  const name = requiredString(config, 'name')
  return { test: (record) => record.headers.some((h) => h.key === name) }
}

/** `RecordIsTombstone`: the value is null. */
export function recordIsTombstone(): Predicate {
  return { test: (record) => record.value === null }
}
