/** Why a retry loop stopped retrying a retriable error. */
export type GiveUpReason = 'timeout' | 'attempts' | 'aborted'

/**
 * How `retryOn` and `retryAsync` retry: which errors, how long to wait before each attempt, and
 * when to give up. Delays grow as `initialDelayMs * factor^(attempt - 1)`, capped at `maxDelayMs`,
 * unless `delayMs` gives its own schedule.
 */
export interface RetryOptions {
  /** Which errors a later attempt may cure; the others go downstream at once. */
  readonly isRetriable: (error: unknown) => boolean
  /** @default 300 (Kafka Connect's first `errors.retry` delay) */
  readonly initialDelayMs?: number
  /** @default Infinity */
  readonly maxDelayMs?: number
  /** @default 2 */
  readonly factor?: number
  /** Fraction of each delay taken off at random (0 = none, 1 = anywhere in [0, delay]). @default 0 */
  readonly jitter?: number
  /** A schedule of its own (per failure class, rate-limit resets), replacing the exponential one. */
  readonly delayMs?: (error: unknown, attempt: number) => number
  /** Retries at most this many times. @default Infinity */
  readonly maxAttempts?: number
  /** Gives up once this long has passed since the first attempt; negative = never. @default -1 */
  readonly timeoutMs?: number
  /** Shortens the last wait so it ends at the deadline (Kafka Connect's `errors.retry.timeout`). @default false */
  readonly clampToDeadline?: boolean
  /** Aborting gives up before the next wait and cuts a running wait short. */
  readonly signal?: AbortSignal
  /** Told about every retry, before its wait. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void
  /** The error to fail with on giving up (default: the last error itself). */
  readonly giveUp?: (error: unknown, reason: GiveUpReason) => unknown
  /** Clock for the deadline (default: the scheduler's). */
  readonly now?: () => number
  /** Source of randomness for `jitter`. @default Math.random */
  readonly random?: () => number
}

/** `initialMs * factor^(attempt - 1)` capped at `maxMs` (the exponent stops growing at 30). */
export function exponentialDelay(initialMs: number, maxMs: number, attempt: number, factor = 2): number {
  return Math.min(maxMs, initialMs * factor ** Math.min(attempt - 1, 30))
}

/** The wait before retry `attempt` (1-based) after `error`, jitter applied. */
export function retryDelay(options: RetryOptions, error: unknown, attempt: number): number {
  const delay = options.delayMs?.(error, attempt)
    ?? exponentialDelay(options.initialDelayMs ?? 300, options.maxDelayMs ?? Infinity, attempt, options.factor)
  const jitter = options.jitter ?? 0
  return jitter > 0 ? delay - delay * jitter * (options.random ?? Math.random)() : delay
}

/**
 * What to do after attempt `attempt` failed with `error`, `elapsedMs` after the first attempt:
 * wait `delayMs` and try again, or fail with `error`.
 */
export function nextRetry(options: RetryOptions, error: unknown, attempt: number, elapsedMs: number): { readonly delayMs: number } | { readonly error: unknown } {
  const giveUp = (reason: GiveUpReason): { readonly error: unknown } => ({ error: options.giveUp === undefined ? error : options.giveUp(error, reason) })
  if (!options.isRetriable(error)) return { error }
  if (options.signal?.aborted === true) return giveUp('aborted')
  const timeoutMs = options.timeoutMs ?? -1
  if (timeoutMs >= 0 && elapsedMs >= timeoutMs) return giveUp('timeout')
  if (attempt > (options.maxAttempts ?? Infinity)) return giveUp('attempts')
  const delayMs = retryDelay(options, error, attempt)
  return { delayMs: options.clampToDeadline === true && timeoutMs >= 0 ? Math.min(delayMs, timeoutMs - elapsedMs) : delayMs }
}
