import type { ErrorPolicy } from '../../ir/nodes.js'

/**
 * Kafka Connect `errors.*` keys of an error policy. `errors.tolerance` is always explicit; the
 * dead-letter keys only apply to sinks on Kafka Connect.
 *
 * @example
 * ```ts
 * errorPolicyConfig({ tolerance: 'all', deadLetterTopic: 'orders-dlq' })
 * // { 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': 'orders-dlq' }
 * ```
 */
export function errorPolicyConfig(policy: ErrorPolicy = {}): Readonly<Record<string, string>> {
  const config: Record<string, string> = { 'errors.tolerance': policy.tolerance ?? 'none' }
  const optional: readonly [string, string | number | boolean | undefined][] = [
    ['errors.retry.timeout', policy.retryTimeoutMs],
    ['errors.retry.delay.max.ms', policy.retryMaxDelayMs],
    ['errors.log.enable', policy.log],
    ['errors.log.include.messages', policy.logMessages],
    ['errors.deadletterqueue.topic.name', policy.deadLetterTopic],
    ['errors.deadletterqueue.topic.replication.factor', policy.deadLetterReplicationFactor],
    ['errors.deadletterqueue.context.headers.enable', policy.deadLetterContextHeaders],
  ]
  for (const [key, value] of optional) {
    if (value !== undefined) config[key] = String(value)
  }
  return config
}
