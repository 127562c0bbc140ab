import type { ConnectorConfig } from '../tasks/task-context.js'
import type { BackoffPolicy } from '../operators/retry-with-backoff.js'
import { RuntimeError } from '../errors.js'

/** Kafka Connect's error stages (`__connect.errors.stage`). */
export type ErrorStage = 'TASK_POLL' | 'TASK_PUT' | 'TRANSFORMATION' | 'KEY_CONVERTER' | 'VALUE_CONVERTER' | 'HEADER_CONVERTER' | 'KAFKA_PRODUCE'

/** A connector's `errors.*` settings. */
export interface ErrorPolicy {
  readonly backoff: BackoffPolicy
  readonly tolerance: 'none' | 'all'
  readonly deadLetterTopic: string | undefined
  readonly contextHeaders: boolean
}

function numberOf(config: ConnectorConfig, key: string, fallback: number): number {
  const raw = config[key]
  if (raw === undefined) return fallback
  const n = Number(raw.trim())
  if (!Number.isInteger(n)) throw new RuntimeError('PIPE_INVALID_CONFIG', `invalid ${key} '${raw}': expected an integer number of milliseconds`)
  return n
}

/** Reads `errors.retry.timeout`, `errors.retry.delay.max.ms`, `errors.tolerance` and the dead-letter keys. */
export function errorPolicyOf(config: ConnectorConfig): ErrorPolicy {
  const tolerance = (config['errors.tolerance'] ?? 'none').trim().toLowerCase()
  if (tolerance !== 'none' && tolerance !== 'all') {
    throw new RuntimeError('PIPE_INVALID_CONFIG', `invalid errors.tolerance '${tolerance}': expected none or all`)
  }
  const topic = config['errors.deadletterqueue.topic.name']?.trim()
  return {
    backoff: { retryTimeoutMs: numberOf(config, 'errors.retry.timeout', 0), maxDelayMs: numberOf(config, 'errors.retry.delay.max.ms', 60_000) },
    tolerance,
    deadLetterTopic: topic === undefined || topic === '' ? undefined : topic,
    contextHeaders: (config['errors.deadletterqueue.context.headers.enable'] ?? 'false').trim().toLowerCase() === 'true',
  }
}

/** A record-level failure: where it happened and in which class. */
export class StageError extends Error {
  override readonly name: string = 'StageError'
  constructor(
    readonly stage: ErrorStage,
    readonly className: string,
    readonly error: unknown,
  ) {
    super(`Error encountered in stage ${stage} executing class ${className}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}

/** Kafka Connect's message when tolerance is none. */
export function toleranceExceeded(cause: StageError): RuntimeError {
  return new RuntimeError('PIPE_TOLERANCE_EXCEEDED', `Tolerance exceeded in error handler: ${cause.message}`, { cause })
}
