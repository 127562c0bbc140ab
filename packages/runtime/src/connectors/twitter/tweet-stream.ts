import { BackoffTracker, type BackoffSettings } from './backoff.js'
import { fetchMissedTweets, maxId } from './backfill.js'
import { BoundedIdSet } from './bounded-id-set.js'
import { retryAsync } from '../../operators/retry-async.js'
import type { ConnectorLogger } from './logger.js'
import { readStream } from './read-stream.js'
import type { StreamMessage, TweetMessage } from './stream-parser.js'
import type { FieldOptions, TwitterClient } from './twitter-client.js'
import { TwitterRequestError, TwitterTransientError } from './twitter-errors.js'
import type { RuleSpec, StreamKind } from './twitter-source-config.js'

export interface TweetStreamOptions {
  readonly client: TwitterClient
  readonly kind: StreamKind
  readonly fields: FieldOptions
  /** the declared rules, for the backfill's search queries */
  readonly rules: readonly RuleSpec[]
  readonly backfill: boolean
  /** the last tweet id delivered before (the committed offset), to backfill from */
  readonly sinceId: string | undefined
  readonly stallTimeoutMs: number
  readonly backoff: BackoffSettings
  readonly maxBuffered: number
  readonly logger: ConnectorLogger
  readonly now?: () => number
  /** runs once, successfully, before the first connection (rule sync); retried like a connect */
  readonly prepare?: (signal: AbortSignal) => Promise<void>
}

export type StreamState = 'idle' | 'connecting' | 'backfilling' | 'streaming' | 'backing-off' | 'failed' | 'stopped'

export interface TweetStreamStatus {
  readonly state: StreamState
  readonly connections: number
  readonly lastError: string | undefined
  readonly lastId: string | undefined
  readonly backfilled: number
  readonly duplicatesDropped: number
}

/**
 * The stream of tweets, across reconnects: connects (backing off per failure class), backfills
 * the gap through recent search before streaming resumes, drops duplicates (bounded), detects
 * stalls, and buffers at most `maxBuffered` tweets (reading pauses while the buffer is full).
 * A rejected token or a rejected request fails the stream; `take` then throws.
 */
export class TweetStream {
  readonly #o: TweetStreamOptions
  readonly #now: () => number
  readonly #stop = new AbortController()
  readonly #seen = new BoundedIdSet(100_000)
  readonly #buffer: TweetMessage[] = []
  readonly #backoff: BackoffTracker
  #wake: (() => void) | undefined
  #space: (() => void) | undefined
  #running: Promise<void> | undefined
  #failure: Error | undefined
  #prepared = false
  #messagesOnConnection = 0
  #status: { -readonly [K in keyof TweetStreamStatus]: TweetStreamStatus[K] }

  constructor(options: TweetStreamOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#backoff = new BackoffTracker(options.backoff)
    this.#status = { state: 'idle', connections: 0, lastError: undefined, lastId: options.sinceId, backfilled: 0, duplicatesDropped: 0 }
  }

  status(): TweetStreamStatus {
    return { ...this.#status }
  }

  start(): void {
    this.#running ??= this.#run()
  }

  /** Up to `max` tweets, waiting at most `waitMs` for the first; throws once the stream failed. */
  async take(max: number, waitMs: number): Promise<TweetMessage[]> {
    if (this.#buffer.length === 0 && this.#failure === undefined && !this.#stop.signal.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#wake = undefined
    }
    if (this.#buffer.length === 0 && this.#failure !== undefined) throw this.#failure
    const out = this.#buffer.splice(0, max)
    this.#space?.()
    return out
  }

  async stop(): Promise<void> {
    this.#stop.abort()
    this.#space?.()
    this.#wake?.()
    await this.#running
    this.#status.state = 'stopped'
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal
    while (!this.#isStopped()) {
      try {
        // after a wait cut short by stop, the next attempt does nothing and the loop ends
        await retryAsync(() => (this.#isStopped() ? Promise.resolve() : this.#connectOnce(signal)), {
          isRetriable: (error) => error instanceof TwitterTransientError,
          delayMs: (error) => (error instanceof TwitterTransientError ? this.#backoff.next(error.failure, this.#now(), error.resetAtMs) : 0),
          signal,
          onRetry: (error, _attempt, delay) => { this.#backingOff(error, delay) },
        })
      } catch (error) {
        if (this.#isStopped()) break
        this.#fail(error)
        return
      }
    }
  }

  #backingOff(error: unknown, delay: number): void {
    if (!(error instanceof TwitterTransientError)) return
    this.#status.state = 'backing-off'
    this.#status.lastError = error.message
    this.#o.logger.warn(`twitter source: ${error.message}; reconnecting in ${delay} ms (${error.failure} backoff)`)
  }

  #isStopped(): boolean {
    return this.#stop.signal.aborted
  }

  #fail(error: unknown): void {
    this.#failure = error instanceof Error ? error : new Error(String(error))
    this.#status.state = 'failed'
    this.#status.lastError = this.#failure.message
    this.#o.logger.error(this.#failure.message)
    this.#wake?.()
  }

  /** One connection: connect, backfill the gap, read until the stream ends. */
  async #connectOnce(stopSignal: AbortSignal): Promise<void> {
    const connection = new AbortController()
    const onStop = (): void => { connection.abort() }
    stopSignal.addEventListener('abort', onStop, { once: true })
    try {
      this.#status.state = 'connecting'
      if (!this.#prepared) await this.#o.prepare?.(connection.signal)
      this.#prepared = true
      this.#messagesOnConnection = 0
      const body = await this.#o.client.openStream(this.#o.kind, this.#o.fields, connection.signal)
      this.#status.connections += 1
      await this.#backfill(connection.signal)
      this.#status.state = 'streaming'
      await readStream(body, {
        stallTimeoutMs: this.#o.stallTimeoutMs,
        now: this.#now,
        signal: stopSignal,
        abort: (reason) => { connection.abort(reason) },
        onMessage: (message) => this.#onMessage(message),
      })
      if (this.#isStopped()) return
      if (this.#messagesOnConnection === 0) throw new TwitterTransientError('network', 'the stream ended before sending anything')
      this.#o.logger.info('twitter source: the stream ended; reconnecting')
    } finally {
      stopSignal.removeEventListener('abort', onStop)
      connection.abort()
    }
  }

  async #backfill(signal: AbortSignal): Promise<void> {
    const sinceId = this.#status.lastId
    if (!this.#o.backfill || this.#o.kind !== 'filtered' || sinceId === undefined) return
    this.#status.state = 'backfilling'
    let missed: TweetMessage[]
    try {
      missed = await fetchMissedTweets(this.#o.client, this.#o.rules, sinceId, this.#o.fields, signal)
    } catch (error) {
      if (!(error instanceof TwitterRequestError)) throw error
      // e.g. since_id older than the 7 days recent search covers: the gap cannot be filled
      this.#o.logger.warn(`twitter source: backfill after ${sinceId} is not possible: ${error.message}`)
      return
    }
    let added = 0
    for (const message of missed) if (this.#accept(message)) added += 1
    this.#status.backfilled += added
    if (added > 0) this.#o.logger.info(`twitter source: backfilled ${added} tweets after ${sinceId}`)
    this.#wake?.()
  }

  #onMessage(message: StreamMessage): Promise<void> | undefined {
    this.#messagesOnConnection += 1
    switch (message.kind) {
      case 'keep-alive':
        this.#backoff.reset()
        return undefined
      case 'tweet':
        this.#backoff.reset()
        this.#accept(message.message)
        this.#wake?.()
        return this.#buffer.length >= this.#o.maxBuffered ? this.#waitForSpace() : undefined
      case 'error':
        this.#o.logger.warn(`twitter source: the stream says ${message.title}: ${message.detail}`)
        return undefined
      case 'malformed':
        this.#o.logger.warn(`twitter source: skipped a message that is not a tweet: ${message.line}`)
        return undefined
    }
  }

  #accept(message: TweetMessage): boolean {
    if (!this.#seen.add(message.data.id)) {
      this.#status.duplicatesDropped += 1
      return false
    }
    this.#buffer.push(message)
    this.#status.lastId = maxId(this.#status.lastId, message.data.id)
    return true
  }

  #waitForSpace(): Promise<void> {
    return new Promise((resolve) => {
      this.#space = () => {
        if (this.#buffer.length < this.#o.maxBuffered || this.#stop.signal.aborted) {
          this.#space = undefined
          resolve()
        }
      }
    })
  }
}
