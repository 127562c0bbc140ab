import { makeTweet, type Scenario, type StoredTweet } from './scenario.js'

const TICK_MS = 10

/**
 * Publishes the scenario's tweets on a clock (ratePerSecond), starting when `start()` is first
 * called; listeners hear about each batch of newly published tweets.
 */
export class Publisher {
  readonly published: StoredTweet[] = []
  readonly #scenario: Scenario
  readonly #listeners = new Set<(tweets: readonly StoredTweet[]) => void>()
  readonly #doneWaiters: (() => void)[] = []
  #timer: NodeJS.Timeout | undefined
  #startedAt = 0

  constructor(scenario: Scenario) {
    this.#scenario = scenario
  }

  get isDone(): boolean {
    return this.published.length >= this.#scenario.tweets
  }

  start(): void {
    if (this.#timer !== undefined || this.isDone) return
    this.#startedAt = Date.now()
    this.#timer = setInterval(() => {
      this.#tick()
    }, TICK_MS)
  }

  onPublish(listener: (tweets: readonly StoredTweet[]) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  whenDone(): Promise<void> {
    if (this.isDone) return Promise.resolve()
    return new Promise((resolve) => this.#doneWaiters.push(resolve))
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #tick(): void {
    const rate = this.#scenario.ratePerSecond ?? 1000
    const due = Math.min(this.#scenario.tweets, Math.floor(((Date.now() - this.#startedAt) * rate) / 1000))
    const batch: StoredTweet[] = []
    // dated when published, as the real stream's tweets are: a record timestamp of now keeps them in
    // a topic with Kafka's default 7-day retention
    const createdAt = new Date().toISOString()
    for (let i = this.published.length; i < due; i++) batch.push({ ...makeTweet(this.#scenario, i), created_at: createdAt })
    if (batch.length > 0) {
      this.published.push(...batch)
      for (const listener of this.#listeners) listener(batch)
    }
    if (this.isDone) {
      this.stop()
      for (const resolve of this.#doneWaiters.splice(0)) resolve()
    }
  }
}
