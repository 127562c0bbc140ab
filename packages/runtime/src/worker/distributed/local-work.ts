import type { Observable } from 'rxjs'
import type { EnvSource } from '../../engine/config-providers.js'
import type { ConnectorConfig, ConnectState, ConnectorStatus, TargetState } from '@pipe/dsl/contract'
import { createEngine, type Engine } from '../../engine/engine.js'
import type { WorkerSample } from '../herder.js'
import { traceOf } from '../../errors.js'
import type { ConnectorRegistry } from '../../tasks/connector-registry.js'
import type { Clock } from '../../tasks/task-context.js'
import type { TopicBackend } from '../../topics/topic-backend.js'

/** What this worker's connectors and tasks share. */
export interface LocalWorkContext {
  readonly backend: TopicBackend
  readonly registry: ConnectorRegistry
  readonly env: EnvSource
  readonly clock: Clock
  readonly log: (line: string) => void
}

/** A connector or task state to publish: `trace` only when FAILED, secrets already hidden. */
export interface LocalState {
  readonly state: ConnectState
  readonly trace: string | null
}

interface LocalConnector {
  readonly config: ConnectorConfig
  state: ConnectState
  trace: string | null
}

interface LocalTask {
  /** Connector config and task config it was started with: a change restarts it. */
  readonly fingerprint: string
  /** Why the engine could not start it at all (an unknown connector class). */
  readonly failure: string | undefined
}

const taskId = (connector: string, task: number): string => `${connector}\u0000${String(task)}`
const fingerprintOf = (config: ConnectorConfig, taskConfig: ConnectorConfig): string => JSON.stringify([config, taskConfig])
const stateOf = (target: TargetState): ConnectState => (target === 'RUNNING' ? 'RUNNING' : target)

/**
 * The connectors and tasks this worker runs in distributed mode, all on one engine
 * (`engine.assigned`). Connector instances only check their config and create their topics (pipe
 * connectors compute task configs as pure functions); tasks run each alone, so that a connector's
 * tasks can run on different workers. The engine resolves config-provider placeholders once per
 * connector config and once per task config, and hides their values in every trace.
 */
export class LocalWork {
  readonly #engine: Engine
  readonly #connectors = new Map<string, LocalConnector>()
  readonly #tasks = new Map<string, LocalTask>()

  constructor(ctx: LocalWorkContext) {
    this.#engine = createEngine({ backend: ctx.backend, registry: ctx.registry, clock: ctx.clock, configEnv: ctx.env })
  }

  /** Figures of the connectors and tasks that run here. */
  async sample(): Promise<WorkerSample> {
    return { connectors: await this.#engine.sample(), startups: this.#engine.startups() }
  }

  /** The engine's status of each connector here, then on every change (a task's state or trace). */
  get changes$(): Observable<ConnectorStatus> {
    return this.#engine.status$
  }

  /** Starts (or restarts, when its config changed) a connector instance; sets its state to the target. */
  async runConnector(name: string, config: ConnectorConfig, target: TargetState, restart = false): Promise<void> {
    const held = this.#connectors.get(name)
    if (held !== undefined && !restart && JSON.stringify(held.config) === JSON.stringify(config)) {
      if (held.state !== 'FAILED') held.state = stateOf(target)
      return
    }
    const local: LocalConnector = { config, state: 'UNASSIGNED', trace: null }
    this.#connectors.set(name, local)
    const failure = await this.#engine.assigned.startConnector({ name, config }, target)
    local.state = failure === undefined ? stateOf(target) : 'FAILED'
    local.trace = failure ?? null
  }

  dropConnector(name: string): void {
    this.#connectors.delete(name)
    this.#engine.assigned.dropConnector(name)
  }

  connectorNames(): readonly string[] {
    return [...this.#connectors.keys()]
  }

  #start(connector: string, config: ConnectorConfig, taskConfig: ConnectorConfig, task: number, count: number): LocalTask {
    const fingerprint = fingerprintOf(config, taskConfig)
    try {
      // raw configs: the engine resolves config-provider placeholders for the task and hides their values
      this.#engine.assigned.startTask({ name: connector, config }, taskConfig, task, count)
      return { fingerprint, failure: undefined }
    } catch (error) {
      return { fingerprint, failure: traceOf(error) }
    }
  }

  /** Runs a task with these configs, restarting it when they changed (or when asked); applies the target state. */
  async runTask(connector: string, config: ConnectorConfig, taskConfig: ConnectorConfig, task: number, count: number, target: TargetState, restart = false): Promise<void> {
    const id = taskId(connector, task)
    const held = this.#tasks.get(id)
    if (held !== undefined && (restart || held.fingerprint !== fingerprintOf(config, taskConfig))) await this.stopTask(connector, task)
    const running = this.#tasks.get(id) ?? this.#start(connector, config, taskConfig, task, count)
    this.#tasks.set(id, running)
    if (target === 'PAUSED') this.#engine.assigned.pauseTask(connector, task)
    else this.#engine.assigned.resumeTask(connector, task)
  }

  /** Stops a task gracefully (its batch finishes, offsets are committed). */
  async stopTask(connector: string, task: number): Promise<void> {
    const id = taskId(connector, task)
    if (!this.#tasks.has(id)) return
    this.#tasks.delete(id)
    await this.#engine.assigned.stopTask(connector, task)
  }

  tasks(): readonly { readonly connector: string; readonly task: number }[] {
    return [...this.#tasks.keys()].map((k) => {
      const [connector = '', task = '0'] = k.split('\u0000')
      return { connector, task: Number(task) }
    })
  }

  connectorState(name: string): LocalState | undefined {
    const c = this.#connectors.get(name)
    return c === undefined ? undefined : { state: c.state, trace: c.state === 'FAILED' ? c.trace : null }
  }

  taskState(connector: string, task: number): LocalState | undefined {
    const t = this.#tasks.get(taskId(connector, task))
    if (t === undefined) return undefined
    if (t.failure !== undefined) return { state: 'FAILED', trace: t.failure }
    const status = this.#engine.statuses().find((s) => s.name === connector)?.tasks.find((s) => s.id === task)
    if (status === undefined) return undefined
    return { state: status.state, trace: status.state === 'FAILED' && status.trace !== undefined ? status.trace : null }
  }

  /** Stops every task (in parallel) and forgets every connector. */
  async stopAll(): Promise<void> {
    await Promise.all(this.tasks().map((t) => this.stopTask(t.connector, t.task)))
    for (const name of this.connectorNames()) this.dropConnector(name)
  }
}
