import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs'
import { asyncScheduler, defer, fromEvent, of, race, retry, throwError, timer } from 'rxjs'
import { nextRetry } from './retry-options.js'
import type { RetryOptions } from './retry-options.js'

/** Kafka Connect's retry settings: `errors.retry.timeout` (-1 = forever, 0 = no retry) and `errors.retry.delay.max.ms`. */
export interface BackoffPolicy {
  readonly retryTimeoutMs: number
  readonly maxDelayMs: number
  /** First delay; Kafka Connect starts at 300 ms and doubles. */
  readonly initialDelayMs?: number
}

/**
 * Resubscribes to the source after a retriable error, waiting as `options` say, until it
 * succeeds or the options give up; then, or for a non-retriable error, the error goes downstream.
 * The one retry loop of the runtime: `retryAsync` runs a promise-returning operation through it.
 */
export function retryOn<T>(options: RetryOptions, scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<T> {
  const now = options.now ?? (() => scheduler.now())
  return (source) =>
    defer(() => {
      const started = now()
      return source.pipe(
        retry({
          delay: (error: unknown, attempt: number) => {
            const next = nextRetry(options, error, attempt, now() - started)
            if ('error' in next) return throwError(() => next.error)
            options.onRetry?.(error, attempt, next.delayMs)
            return wait(next.delayMs, scheduler, options.signal)
          },
        }),
      )
    })
}

function wait(delayMs: number, scheduler: SchedulerLike, signal: AbortSignal | undefined): Observable<unknown> {
  if (signal === undefined) return timer(delayMs, scheduler)
  if (signal.aborted) return of(0)
  return race(timer(delayMs, scheduler), fromEvent(signal, 'abort'))
}

/**
 * Kafka Connect's `errors.retry.*`: resubscribes after a retriable error, waiting 300 ms, 600 ms,
 * ... (capped at `maxDelayMs`) until `retryTimeoutMs` has passed since the first subscription
 * (the last wait ends at that deadline); then, or for a non-retriable error, the error goes downstream.
 */
export function retryWithBackoff<T>(
  policy: BackoffPolicy,
  isRetriable: (error: unknown) => boolean,
  scheduler: SchedulerLike = asyncScheduler,
  onRetry?: (error: unknown, attempt: number) => void,
): MonoTypeOperatorFunction<T> {
  return retryOn<T>({
    isRetriable,
    initialDelayMs: policy.initialDelayMs ?? 300,
    maxDelayMs: policy.maxDelayMs,
    timeoutMs: policy.retryTimeoutMs,
    clampToDeadline: true,
    ...(onRetry === undefined ? {} : { onRetry: (error: unknown, attempt: number) => { onRetry(error, attempt) } }),
  }, scheduler)
}
