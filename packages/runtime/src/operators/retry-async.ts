import { defer, firstValueFrom } from 'rxjs'
import type { RetryOptions } from './retry-options.js'
import { retryOn } from './retry-with-backoff.js'

/**
 * Runs `operation` until it resolves, retrying as `options` say (see `retryOn`).
 *
 * @example
 * ```ts
 * await retryAsync(() => admin.fetchTopicOffsets(topic), { isRetriable, initialDelayMs: 100, maxDelayMs: 2000, timeoutMs: 60_000 })
 * ```
 */
export function retryAsync<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  return firstValueFrom(defer(operation).pipe(retryOn<T>(options)))
}
