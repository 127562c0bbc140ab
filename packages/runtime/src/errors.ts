/** Why a runtime operation failed; `code` is stable, the message says what and how to fix it. */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError'
  constructor(
    readonly code: string,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}

/**
 * A transient failure (Kafka Connect `RetriableException`): the engine retries the operation
 * with exponential backoff within `errors.retry.timeout`.
 */
export class RetriableError extends Error {
  override readonly name: string = 'RetriableError'
}

/** True when `error` is (or is marked as) retriable. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof RetriableError || (error instanceof Error && error.name === 'RetriableError')) return true
  // client libraries (kafkajs) flag transient errors this way
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true
}

/** The `code` of a Node system error (`ENOENT`, ...), or of any error that carries one; `undefined` otherwise. */
export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}

/** Java-like stack trace text for a task's `trace`: `<Class>: <message>\n\tat ...`. */
export function traceOf(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '))
    const head = `${error.name}: ${error.message}`
    const cause = error.cause === undefined ? '' : `\nCaused by: ${traceOf(error.cause)}`
    return [head, ...frames.map((f) => `\t${f.trim()}`)].join('\n') + cause
  }
  return String(error)
}
