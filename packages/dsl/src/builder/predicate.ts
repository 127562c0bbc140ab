import type { PredicateIR } from '../ir/steps.js'

/**
 * A Kafka Connect predicate, possibly negated; used by `.dropIf()`, `.keepIf()` and `.when()`.
 *
 * @example
 * ```ts
 * const isTest: Predicate = topicNameMatches('.*-test')
 * stream.dropIf(isTest)
 * ```
 */
export interface Predicate {
  readonly test: PredicateIR
  readonly negate: boolean
}

/**
 * True when the topic name matches the whole Java regex (`TopicNameMatches`).
 *
 * @example
 * ```ts
 * stream.dropIf(topicNameMatches('.*-test'))
 * ```
 */
export function topicNameMatches(pattern: string): Predicate {
  return Object.freeze({ test: Object.freeze({ type: 'topic-name-matches', pattern }), negate: false })
}

/**
 * True when the record has a header with this key (`HasHeaderKey`).
 *
 * @example
 * ```ts
 * stream.keepIf(hasHeaderKey('trace-id'))
 * ```
 */
export function hasHeaderKey(name: string): Predicate {
  return Object.freeze({ test: Object.freeze({ type: 'has-header-key', name }), negate: false })
}

/**
 * True when the record's value is null (`RecordIsTombstone`).
 *
 * @example
 * ```ts
 * stream.dropIf(recordIsTombstone())
 * ```
 */
export function recordIsTombstone(): Predicate {
  return Object.freeze({ test: Object.freeze({ type: 'record-is-tombstone' }), negate: false })
}

/**
 * Negates a predicate (Kafka Connect's `transforms.<alias>.negate=true`).
 *
 * @example
 * ```ts
 * stream.dropIf(not(hasHeaderKey('keep')))
 * ```
 */
export function not(predicate: Predicate): Predicate {
  return Object.freeze({ test: predicate.test, negate: !predicate.negate })
}
