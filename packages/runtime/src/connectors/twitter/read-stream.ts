import { StreamParser, type StreamMessage } from './stream-parser.js'
import { TwitterTransientError } from './twitter-errors.js'

export interface ReadStreamOptions {
  /** no bytes for this long (keep-alives included) means the stream stalled */
  readonly stallTimeoutMs: number
  readonly now: () => number
  /** aborts the connection (the fetch this body belongs to) */
  readonly abort: (reason: Error) => void
  readonly signal: AbortSignal
  /** handles one message; may wait (backpressure), time spent waiting is not a stall */
  readonly onMessage: (message: StreamMessage) => void | Promise<void>
}

/**
 * Reads a stream body to its end. Resolves when the server ends the stream; rejects with a
 * `network` TwitterTransientError when the connection breaks or stalls.
 */
export async function readStream(body: ReadableStream<Uint8Array>, options: ReadStreamOptions): Promise<void> {
  const parser = new StreamParser()
  const reader = body.getReader()
  const watchdog = new StallWatchdog(options)
  const deliver = async (messages: readonly StreamMessage[]): Promise<void> => {
    for (const message of messages) {
      const pending = options.onMessage(message)
      if (pending !== undefined) await watchdog.pausedWhile(pending)
    }
    watchdog.touch()
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      watchdog.touch()
      await deliver(parser.push(value))
    }
    await deliver(parser.end())
  } catch (error) {
    if (options.signal.aborted) return
    if (watchdog.stalled) throw watchdog.stallError()
    throw new TwitterTransientError('network', `stream connection broke: ${error instanceof Error ? error.message : String(error)}`, undefined, {
      cause: error,
    })
  } finally {
    watchdog.stop()
    reader.releaseLock()
  }
}

/** Aborts the connection when no byte arrived for `stallTimeoutMs`, except while the reader waits on purpose. */
class StallWatchdog {
  stalled = false
  readonly #options: ReadStreamOptions
  readonly #timer: NodeJS.Timeout
  #lastData: number
  #waiting = false

  constructor(options: ReadStreamOptions) {
    this.#options = options
    this.#lastData = options.now()
    const period = Math.max(5, Math.min(1000, Math.floor(options.stallTimeoutMs / 4)))
    this.#timer = setInterval(() => {
      this.#check()
    }, period)
  }

  touch(): void {
    this.#lastData = this.#options.now()
  }

  async pausedWhile(pending: Promise<void>): Promise<void> {
    this.#waiting = true
    try {
      await pending
    } finally {
      this.#waiting = false
      this.touch()
    }
  }

  stallError(): TwitterTransientError {
    return new TwitterTransientError('network', `stream stalled: no data or keep-alive for ${this.#options.stallTimeoutMs} ms`)
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #check(): void {
    if (this.#waiting || this.#options.now() - this.#lastData <= this.#options.stallTimeoutMs) return
    this.stalled = true
    this.#options.abort(this.stallError())
  }
}
