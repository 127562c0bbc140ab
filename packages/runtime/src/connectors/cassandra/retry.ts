import { RetriableError } from '../../errors.js'
import { sleep } from '../../tasks/abortable-sleep.js'

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
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30))
}

/** Runs `operation` until it succeeds, retrying transient failures with exponential backoff. */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now
  const started = now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (!isTransient(error) || !(error instanceof Error)) throw error
      if (options.signal.aborted) throw new RetriableError(`stopped while retrying: ${error.message}`, { cause: error })
      if (options.timeoutMs >= 0 && now() - started >= options.timeoutMs) {
        throw new RetriableError(`cassandra sink: still failing after ${options.timeoutMs} ms: ${error.message}`, { cause: error })
      }
      const delay = retryDelay(options.initialMs, options.maxMs, attempt)
      options.onRetry(error, attempt, delay)
      await sleep(delay, options.signal)
    }
  }
}
