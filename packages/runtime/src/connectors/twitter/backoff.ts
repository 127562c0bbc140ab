import { exponentialDelay } from '../../operators/retry-options.js'

/**
 * Twitter's documented reconnect backoff, per failure class:
 * - network (TCP/IP errors, stalls): linear, +250 ms per attempt, at most 16 s;
 * - http (5xx and other retriable HTTP errors): exponential from 5 s, at most 320 s;
 * - rate-limit (429): exponential from 1 minute, or until `x-rate-limit-reset` when given.
 * An established connection that drops is reconnected at once (`delayFor` with attempt 0).
 */
export type FailureClass = 'network' | 'http' | 'rate-limit'

export interface BackoffSettings {
  readonly networkStepMs: number
  readonly networkMaxMs: number
  readonly httpBaseMs: number
  readonly httpMaxMs: number
  readonly rateLimitBaseMs: number
  readonly rateLimitMaxMs: number
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  networkStepMs: 250,
  networkMaxMs: 16_000,
  httpBaseMs: 5_000,
  httpMaxMs: 320_000,
  rateLimitBaseMs: 60_000,
  rateLimitMaxMs: 15 * 60_000,
}

/**
 * The wait before reconnect attempt `attempt` (1-based, counted per failure class since the
 * last successful connection). `resetAtMs` is `x-rate-limit-reset` in epoch ms, when known.
 */
export function backoffDelay(
  settings: BackoffSettings,
  failure: FailureClass,
  attempt: number,
  now: number,
  resetAtMs?: number,
): number {
  if (attempt <= 0) return 0
  switch (failure) {
    case 'network':
      return Math.min(settings.networkMaxMs, settings.networkStepMs * attempt)
    case 'http':
      return exponentialDelay(settings.httpBaseMs, settings.httpMaxMs, attempt)
    case 'rate-limit':
      if (resetAtMs !== undefined && Number.isFinite(resetAtMs)) {
        return Math.min(settings.rateLimitMaxMs, Math.max(0, resetAtMs - now))
      }
      return exponentialDelay(settings.rateLimitBaseMs, settings.rateLimitMaxMs, attempt)
  }
}

/** Counts failures per class; a successful connection resets every count. */
export class BackoffTracker {
  readonly #attempts = new Map<FailureClass, number>()

  constructor(readonly settings: BackoffSettings) {}

  /** Records a failure and returns the delay before the next attempt. */
  next(failure: FailureClass, now: number, resetAtMs?: number): number {
    const attempt = (this.#attempts.get(failure) ?? 0) + 1
    this.#attempts.set(failure, attempt)
    return backoffDelay(this.settings, failure, attempt, now, resetAtMs)
  }

  reset(): void {
    this.#attempts.clear()
  }
}
