import { BehaviorSubject, filter, firstValueFrom, lastValueFrom, defer, type Observable } from 'rxjs'
import { isRetriable, traceOf } from '../errors.js'
import { retryWithBackoff } from '../operators/retry-with-backoff.js'
import type { Clock } from '../tasks/task-context.js'
import type { ConnectState } from '@pipe/dsl/contract'
import type { MetricsChange, TaskMetrics } from './connector-status.js'
import type { ErrorPolicy } from './error-policy.js'

/** Lifecycle and counters of one running task; shared by source and sink runners. */
export class TaskControl {
  readonly #state = new BehaviorSubject<ConnectState>('UNASSIGNED')
  readonly #paused = new BehaviorSubject<boolean>(false)
  readonly #abort = new AbortController()
  #trace: string | undefined
  /** Why the task waits for room in its topics (the embedded store's bound), shown as its problem. */
  throttled: string | undefined
  #metrics: TaskMetrics
  #working = 0

  constructor(
    readonly id: number,
    readonly clock: Clock,
    readonly policy: ErrorPolicy,
  ) {
    const now = clock.now()
    this.#metrics = {
      recordsIn: 0, recordsOut: 0, errors: 0, retries: 0, lastActivity: now, batches: 0, batchSizeMax: 0, batchTimeMs: 0, batchTimeMaxMs: 0,
      offsetCommits: 0, offsetCommitFailures: 0, failures: 0, deadLetters: 0, lastErrorAt: 0, startedAt: now, runningMs: 0, pausedMs: 0, stateSince: now,
      latencyMsTotal: 0, latencyBatches: 0, latencyMsMax: 0,
    }
  }

  /** Moves to `next`, adding the time spent in the state left to its running or paused total. */
  #enter(next: ConnectState): void {
    const m = this.#metrics
    const now = this.clock.now()
    const spent = now - m.stateSince
    const left = this.#state.value
    // starting to run is activity: --max-idle counts from there, not from a start() that took longer than its limit
    const lastActivity = next === 'RUNNING' ? now : m.lastActivity
    this.#metrics = { ...m, stateSince: now, lastActivity, runningMs: m.runningMs + (left === 'RUNNING' ? spent : 0), pausedMs: m.pausedMs + (left === 'PAUSED' ? spent : 0) }
    this.#state.next(next)
  }

  get state(): ConnectState {
    return this.#state.value
  }
  /** The state now, then each change (a failure's trace is set before its FAILED). */
  get state$(): Observable<ConnectState> {
    return this.#state.asObservable()
  }
  get trace(): string | undefined {
    return this.#trace
  }
  get metrics(): TaskMetrics {
    return this.#metrics
  }
  get signal(): AbortSignal {
    return this.#abort.signal
  }
  /** A method, not a getter: it changes while a loop awaits. */
  isStopping(): boolean {
    return this.#abort.signal.aborted
  }

  /** True while the task holds records it has not finished with (a sink's put or flush, a source's produce). */
  get working(): boolean {
    return this.#working > 0
  }

  /** Runs `work` as in-progress: a slow sink write is not idleness, whatever the clock says. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.#working++
    try {
      return await work()
    } finally {
      this.#working--
      this.#metrics = { ...this.#metrics, lastActivity: this.clock.now() }
    }
  }

  /** Records activity that moved no record yet (a source reading a long line). */
  touch(): void {
    this.#metrics = { ...this.#metrics, lastActivity: this.clock.now() }
  }

  setState(state: ConnectState): void {
    // a task that starts (or restarts) while its connector is paused reports PAUSED, as Kafka Connect's
    const next = state === 'RUNNING' && this.#paused.value ? 'PAUSED' : state
    if (this.#state.value !== 'FAILED' || next === 'RESTARTING') this.#enter(next)
  }

  fail(error: unknown): void {
    this.#trace = traceOf(error)
    this.#enter('FAILED')
  }

  count(change: MetricsChange): void {
    const m = this.#metrics
    const now = this.clock.now()
    const active = (change.in ?? 0) + (change.out ?? 0) > 0
    const batchMs = change.batchMs ?? 0
    const erred = (change.errors ?? 0) + (change.failures ?? 0) > 0
    this.#metrics = {
      ...m,
      recordsIn: m.recordsIn + (change.in ?? 0), recordsOut: m.recordsOut + (change.out ?? 0),
      errors: m.errors + (change.errors ?? 0), retries: m.retries + (change.retries ?? 0),
      lastActivity: active ? now : m.lastActivity,
      batches: m.batches + (change.batch === undefined ? 0 : 1), batchSizeMax: Math.max(m.batchSizeMax, change.batch ?? 0),
      batchTimeMs: m.batchTimeMs + batchMs, batchTimeMaxMs: Math.max(m.batchTimeMaxMs, batchMs),
      offsetCommits: m.offsetCommits + (change.commits ?? 0), offsetCommitFailures: m.offsetCommitFailures + (change.commitFailures ?? 0),
      failures: m.failures + (change.failures ?? 0), deadLetters: m.deadLetters + (change.deadLetters ?? 0),
      lastErrorAt: erred ? now : m.lastErrorAt,
      ...(change.latencyMs === undefined ? {} : {
        latencyMsTotal: m.latencyMsTotal + change.latencyMs, latencyBatches: m.latencyBatches + 1, latencyMsMax: Math.max(m.latencyMsMax, change.latencyMs),
      }),
    }
  }

  pause(): void {
    this.#paused.next(true)
    if (this.state === 'RUNNING') this.setState('PAUSED')
  }

  resume(): void {
    this.#paused.next(false)
    if (this.state === 'PAUSED') this.setState('RUNNING')
  }

  requestStop(): void {
    this.#abort.abort()
    this.#paused.next(false)
  }

  /** A method, not a getter: it changes while a loop awaits. */
  isPaused(): boolean {
    return this.#paused.value
  }

  /** Resolves when not paused (or stopping). */
  async whileRunnable(): Promise<void> {
    if (!this.#paused.value) return
    await firstValueFrom(this.#paused.pipe(filter((p) => !p)))
  }

  /**
   * Yields to the event loop (timers, I/O, signals) before the next batch. A task whose every step
   * resolves at once (a source answering from memory, the embedded store, a sink buffering in
   * memory) would otherwise chain promise jobs forever: no REST call, signal handler, timer or
   * other task would run until it ran dry. Once per batch, so it costs nothing measurable.
   */
  nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve))
  }

  /** Sleeps `ms`, waking early when asked to stop. */
  sleep(ms: number): Promise<void> {
    const signal = this.#abort.signal
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      signal.addEventListener('abort', done, { once: true })
    })
  }

  /** Runs `operation` with the connector's retry policy (`errors.retry.timeout`) for retriable errors. */
  retried<T>(operation: () => Promise<T>): Promise<T> {
    return lastValueFrom(defer(operation).pipe(retryWithBackoff<T>(this.policy.backoff, isRetriable, undefined, () => {
      this.count({ retries: 1 })
    })))
  }

  /**
   * Runs a task's own `poll`, `put` or `flush`: like Kafka Connect's worker, a `RetriableError`
   * there is retried until it succeeds (backoff capped by `errors.retry.delay.max.ms`), or the task stops.
   */
  retriedForever<T>(operation: () => Promise<T>): Promise<T> {
    const forever = { retryTimeoutMs: -1, maxDelayMs: this.policy.backoff.maxDelayMs }
    const unlessStopping = (error: unknown): boolean => isRetriable(error) && !this.isStopping()
    return lastValueFrom(defer(operation).pipe(retryWithBackoff<T>(forever, unlessStopping, undefined, () => {
      this.count({ retries: 1 })
    })))
  }
}
