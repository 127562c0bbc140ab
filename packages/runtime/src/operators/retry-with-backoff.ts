import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs'
import { asyncScheduler, defer, retry, throwError, timer } from 'rxjs'

/** Kafka Connect's retry settings: `errors.retry.timeout` (-1 = forever, 0 = no retry) and `errors.retry.delay.max.ms`. */
export interface BackoffPolicy {
  readonly retryTimeoutMs: number
  readonly maxDelayMs: number
  /** First delay; Kafka Connect starts at 300 ms and doubles. */
  readonly initialDelayMs?: number
}

/**
 * Resubscribes to the source after a retriable error, waiting 300 ms, 600 ms, ... (capped at
 * `maxDelayMs`) until `retryTimeoutMs` has passed since the first subscription; then, or for a
 * non-retriable error, the error goes downstream.
 */
export function retryWithBackoff<T>(
  policy: BackoffPolicy,
  isRetriable: (error: unknown) => boolean,
  scheduler: SchedulerLike = asyncScheduler,
  onRetry?: (error: unknown, attempt: number) => void,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      const started = scheduler.now()
      return source.pipe(
        retry({
          delay: (error: unknown, attempt: number) => {
            const elapsed = scheduler.now() - started
            const forever = policy.retryTimeoutMs < 0
            if (!isRetriable(error) || (!forever && elapsed >= policy.retryTimeoutMs)) return throwError(() => error)
            const backoff = Math.min((policy.initialDelayMs ?? 300) * 2 ** (attempt - 1), policy.maxDelayMs)
            onRetry?.(error, attempt)
            return timer(forever ? backoff : Math.min(backoff, policy.retryTimeoutMs - elapsed), scheduler)
          },
        }),
      )
    })
}
