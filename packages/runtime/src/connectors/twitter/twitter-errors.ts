import { RuntimeError } from '../../errors.js'
import type { FailureClass } from './backoff.js'

/** Errors of the twitter source. No message ever contains the bearer token. */

export class TwitterConfigError extends RuntimeError {
  override readonly name = 'TwitterConfigError'
  constructor(message: string) {
    super('TWITTER_CONFIG', `twitter source: ${message}`)
  }
}

/** 401 (and 403): retrying cannot help; the task fails. */
export class TwitterAuthError extends RuntimeError {
  override readonly name = 'TwitterAuthError'
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(
      'TWITTER_TOKEN_REJECTED',
      status === 401
        ? `twitter rejected the bearer token (401 ${detail}); set a valid app bearer token in 'bearer.token' (env('TWITTER_BEARER_TOKEN') in the pipeline)`
        : `twitter refused the request (${status} Forbidden: ${detail}); the app behind the bearer token needs access to this endpoint`,
    )
  }
}

/** A non-retriable answer such as 400 (invalid rule, unknown field). */
export class TwitterRequestError extends RuntimeError {
  override readonly name = 'TwitterRequestError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('TWITTER_REQUEST_REJECTED', message)
  }
}

/** A failure worth reconnecting for, with its backoff class. */
export class TwitterTransientError extends Error {
  override readonly name = 'TwitterTransientError'
  constructor(
    readonly failure: FailureClass,
    message: string,
    /** `x-rate-limit-reset` in epoch ms, for 429 answers that carry it */
    readonly resetAtMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Removes every occurrence of `secret` from `text` (defence in depth for logged messages). */
export function redact(text: string, secret: string): string {
  return secret.length < 4 ? text : text.split(secret).join('[redacted]')
}
