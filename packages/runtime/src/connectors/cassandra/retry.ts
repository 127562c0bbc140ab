import { RetriableError } from '../../errors.js'
import { retryAsync } from '../../operators/retry-async.js'
import { exponentialDelay } from '../../operators/retry-options.js'

/** Retrying Cassandra operations while the cluster is unreachable or overloaded. */

/** ResponseError codes that a later attempt may not get: unavailable, overloaded, bootstrapping, timeouts, truncate. */
const TRANSIENT_CODES = new Set([0x1000, 0x1001, 0x1002, 0x1003, 0x1100, 0x1200, 0x1300, 0x1400])
const TRANSIENT_NAMES = new Set(['NoHostAvailableError', 'OperationTimedOutError', 'BusyConnectionError'])

/** True for failures a retry can cure (node down, timeouts, overload); false for bad queries or data. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (TRANSIENT_NAMES.has(error.name) || error.name === 'RetriableError') return true
  const code = (error as { code?: unknown }).code
  if (error.name === 'ResponseError' && typeof code === 'number') return TRANSIENT_CODES.has(code)
  // socket-level failures surface as plain errors with a Node error code
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)
}

export interface RetryOptions {
  readonly initialMs: number
  readonly maxMs: number
  /** give up after this long (throwing a RetriableError for the engine); -1 never gives up */
  readonly timeoutMs: number
  readonly signal: AbortSignal
  readonly now?: () => number
  /** told about every failed attempt before the wait */
  readonly onRetry: (error: Error, attempt: number, delayMs: number) => void
}

export function retryDelay(initialMs: number, maxMs: number, attempt: number): number {
  return exponentialDelay(initialMs, maxMs, attempt)
}

/** Runs `operation` until it succeeds, retrying transient failures with exponential backoff. */
export function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  return retryAsync(operation, {
    isRetriable: (error) => isTransient(error) && error instanceof Error,
    initialDelayMs: options.initialMs,
    maxDelayMs: options.maxMs,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    now: options.now ?? Date.now,
    onRetry: (error, attempt, delayMs) => { if (error instanceof Error) options.onRetry(error, attempt, delayMs) },
    giveUp: (error, reason) => {
      const message = error instanceof Error ? error.message : String(error)
      return reason === 'aborted'
        ? new RetriableError(`stopped while retrying: ${message}`, { cause: error })
        : new RetriableError(`cassandra sink: still failing after ${options.timeoutMs} ms: ${message}`, { cause: error })
    },
  })
}
