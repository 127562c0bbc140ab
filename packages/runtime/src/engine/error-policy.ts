import type { ConnectorConfig } from '@pipe/dsl/contract'
import { inspect } from 'node:util'
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

/** An error's message followed by those of its causes, as one line (`a: b: c`). */
export function messageChain(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 8; depth++) {
    const message = e instanceof Error ? e.message.trim().replace(/:$/, '') : typeof e === 'string' ? e : inspect(e)
    if (message !== '' && !parts.some((p) => p.includes(message))) parts.push(message)
    e = e instanceof Error ? e.cause : undefined
  }
  return parts.join(': ')
}

/** Where a consumed record came from, as Kafka Connect's error log names it. */
export const consumedRecordText = (m: { readonly topic: string; readonly partition: number; readonly offset: number }): string =>
  `consumed record is {topic='${m.topic}', partition=${String(m.partition)}, offset=${String(m.offset)}}`

/** A record on its way to a topic: the topic, and the source position when it has one. */
export function producedRecordText(r: { readonly topic: string; readonly sourcePartition?: unknown; readonly sourceOffset?: unknown }): string {
  const position = r.sourcePartition === undefined ? '' : `, sourcePartition=${JSON.stringify(r.sourcePartition)}, sourceOffset=${JSON.stringify(r.sourceOffset ?? null)}`
  return `source record is {topic='${r.topic}'${position}}`
}

/** A record-level failure: where it happened, in which class, on which record, and why. */
export class StageError extends Error {
  override readonly name: string = 'StageError'
  constructor(
    readonly stage: ErrorStage,
    readonly className: string,
    readonly error: unknown,
    record?: string,
  ) {
    super(`Error encountered in stage ${stage} executing class ${className}${record === undefined ? '' : `, where ${record}`}: ${messageChain(error)}`, { cause: error })
  }
}

/** Kafka Connect's message when tolerance is none. */
export function toleranceExceeded(cause: StageError): RuntimeError {
  return new RuntimeError('PIPE_TOLERANCE_EXCEEDED', `Tolerance exceeded in error handler: ${cause.message}`, { cause })
}
