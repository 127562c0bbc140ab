import type { ConnectorStatus } from '@pipe/dsl/contract'
import type { ConnectorSample, Engine, StartupCounts } from '../engine/engine.js'
import { addStartups } from './herder.js'
import { createEngine } from '../engine/engine.js'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { Clock } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { EnvSource } from '../engine/config-providers.js'
import { redact, resolveConfig } from '../engine/config-providers.js'
import type { ConnectorConfig, TargetState } from '@pipe/dsl/contract'
import type { ResolvedPlugin } from './validate-config.js'

/** What every connector of a worker shares. */
export interface WorkerContext {
  readonly backend: TopicBackend
  readonly registry: ConnectorRegistry
  readonly workerId: string
  readonly env: EnvSource
  readonly clock?: Clock
  readonly log: (line: string) => void
}

/**
 * One connector of a worker: its raw config (as users gave it) and an engine of its own running
 * the resolved config, so that a config update or a delete replaces or drops just this engine.
 */
export class ManagedConnector {
  readonly name: string
  readonly config: ConnectorConfig
  readonly plugin: ResolvedPlugin
  target: TargetState
  topicsReset = false
  readonly #ctx: WorkerContext
  readonly #secrets: readonly string[]
  readonly #resolved: ConnectorConfig
  #engine: Engine | undefined
  #pastStartups: StartupCounts = addStartups([])
  #ready: Promise<void> = Promise.resolve()
  #seen = new Map<string, string>()

  constructor(ctx: WorkerContext, name: string, config: ConnectorConfig, plugin: ResolvedPlugin, target: TargetState) {
    this.#ctx = ctx
    this.name = name
    this.config = config
    this.plugin = plugin
    this.target = target
    const resolved = resolveConfig(config, ctx.env)
    this.#resolved = resolved.config
    this.#secrets = resolved.secrets
    if (target !== 'STOPPED') this.#launch(target === 'PAUSED')
  }

  /** Text safe to show: every resolved config-provider value replaced by `[hidden]`. */
  safe(text: string): string {
    return redact(text, this.#secrets)
  }

  #launch(paused: boolean): void {
    const engine = createEngine({ backend: this.#ctx.backend, registry: this.#ctx.registry, workerId: this.#ctx.workerId, ...(this.#ctx.clock === undefined ? {} : { clock: this.#ctx.clock }) })
    this.#engine = engine
    this.#ready = engine.start([{ name: this.name, config: this.#resolved }]).then(() => {
      if (paused) engine.pause(this.name)
    }, (error: unknown) => {
      this.#ctx.log(this.safe(`connector ${this.name} failed to start: ${error instanceof Error ? error.message : String(error)}`))
    })
  }

  /** Logs each state change of the connector and its tasks since the last call (FAILED with its trace's message, stack frames left out). */
  logTransitions(): void {
    const status = this.status()
    const instances = [{ id: 'connector', ...status.connector }, ...status.tasks.map((t) => ({ ...t, id: `task ${String(t.id)}` }))]
    for (const i of instances) {
      if (this.#seen.get(i.id) === i.state) continue
      this.#seen.set(i.id, i.state)
      const why = i.state === 'FAILED' && i.trace !== undefined ? `: ${i.trace.split(/\n\s+at /)[0] ?? ''}` : ''
      this.#ctx.log(`connector ${this.name} ${i.id} is ${i.state}${why}`)
    }
  }

  status(): ConnectorStatus {
    if (this.#engine === undefined) return { name: this.name, connector: { state: 'STOPPED', worker_id: this.#ctx.workerId }, tasks: [], type: this.plugin.type }
    const s = this.#engine.status(this.name)
    const connector = s.connector.trace === undefined ? s.connector : { ...s.connector, trace: this.safe(s.connector.trace) }
    return { ...s, connector, tasks: s.tasks.map((t) => ({ ...t, ...(t.trace === undefined ? {} : { trace: this.safe(t.trace) }), ...(t.problem === undefined ? {} : { problem: this.safe(t.problem) }) })) }
  }

  async pause(): Promise<void> {
    await this.#ready
    this.target = 'PAUSED'
    this.#engine?.pause(this.name)
  }

  async resume(): Promise<void> {
    await this.#ready
    this.target = 'RUNNING'
    if (this.#engine === undefined) this.#launch(false)
    else await this.#engine.resume(this.name)
  }

  async stop(): Promise<void> {
    await this.#ready
    this.target = 'STOPPED'
    await this.#engine?.stopConnector(this.name)
  }

  /** Restarts in the background; the REST answer does not wait for it (as Kafka Connect). */
  restart(includeTasks: boolean, onlyFailed: boolean): void {
    const engine = this.#engine
    // a STOPPED connector stays stopped: Kafka Connect answers, but has nothing to restart
    if (engine === undefined || this.target === 'STOPPED') return
    this.#ready = this.#ready.then(() => engine.restart(this.name, { includeTasks, onlyFailed })).then(() => undefined, (error: unknown) => {
      this.#ctx.log(this.safe(`connector ${this.name} failed to restart: ${error instanceof Error ? error.message : String(error)}`))
    })
  }

  /** Restarts one task in the background; the connector's other tasks keep running. */
  restartTask(task: number): void {
    const engine = this.#engine
    if (engine === undefined || this.target === 'STOPPED') return
    this.#ready = this.#ready.then(() => engine.restartTask(this.name, task)).then(() => undefined, (error: unknown) => {
      this.#ctx.log(this.safe(`connector ${this.name} task ${String(task)} failed to restart: ${error instanceof Error ? error.message : String(error)}`))
    })
  }

  /** This connector's figures (none while STOPPED), and the start-ups of its engines so far. */
  async sample(): Promise<{ readonly connector: ConnectorSample | undefined; readonly startups: StartupCounts }> {
    const engine = this.#engine
    const startups = addStartups([this.#pastStartups, ...(engine === undefined ? [] : [engine.startups()])])
    if (engine === undefined) return { connector: undefined, startups }
    const [sample] = await engine.sample()
    return { connector: sample === undefined ? undefined : { ...sample, status: this.status() }, startups }
  }

  /** Stops the engine for good (delete, config replaced, worker shutdown). */
  async close(): Promise<void> {
    await this.#ready
    await this.#engine?.stop()
    if (this.#engine !== undefined) this.#pastStartups = addStartups([this.#pastStartups, this.#engine.startups()])
    this.#engine = undefined
  }
}
