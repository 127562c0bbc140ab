import type { EnvSource } from '../../engine/config-providers.js'
import { redact, resolveConfig } from '../../engine/config-providers.js'
import type { RawConfig, TargetState } from '../herder.js'
import type { ConnectorHandle, TaskHandle } from '../../engine/connector-handle.js'
import type { ConnectState } from '../../engine/connector-status.js'
import { ensureTopics } from '../../engine/ensure-topics.js'
import { startTask } from '../../engine/start-task.js'
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
  readonly config: RawConfig
  state: ConnectState
  trace: string | null
}

interface LocalTask {
  /** Connector config and task config it was started with: a change restarts it. */
  readonly fingerprint: string
  readonly secrets: readonly string[]
  readonly handle: TaskHandle | undefined
  readonly failure: string | undefined
}

const taskId = (connector: string, task: number): string => `${connector}\u0000${String(task)}`
const fingerprintOf = (config: RawConfig, taskConfig: RawConfig): string => JSON.stringify([config, taskConfig])
const stateOf = (target: TargetState): ConnectState => (target === 'RUNNING' ? 'RUNNING' : target)

/**
 * The connectors and tasks this worker runs in distributed mode. Connector instances only check
 * their config and create their topics (pipe connectors compute task configs as pure functions);
 * tasks run on pipe's engine (`startTask`), each alone, so that a connector's tasks can run on
 * different workers.
 */
export class LocalWork {
  readonly #ctx: LocalWorkContext
  readonly #connectors = new Map<string, LocalConnector>()
  readonly #tasks = new Map<string, LocalTask>()

  constructor(ctx: LocalWorkContext) {
    this.#ctx = ctx
  }

  /** Starts (or restarts, when its config changed) a connector instance; sets its state to the target. */
  async runConnector(name: string, config: RawConfig, target: TargetState, restart = false): Promise<void> {
    const held = this.#connectors.get(name)
    if (held !== undefined && !restart && JSON.stringify(held.config) === JSON.stringify(config)) {
      if (held.state !== 'FAILED') held.state = stateOf(target)
      return
    }
    const plugin = this.#ctx.registry.connector(config['connector.class'] ?? '')
    const resolved = resolveConfig(config, this.#ctx.env)
    const local: LocalConnector = { config, state: 'UNASSIGNED', trace: null }
    this.#connectors.set(name, local)
    try {
      if (plugin === undefined) throw new Error(`unknown connector.class '${config['connector.class'] ?? ''}'`)
      if (target !== 'STOPPED') await ensureTopics(this.#ctx.backend, plugin.type, resolved.config)
      local.state = stateOf(target)
    } catch (error) {
      local.state = 'FAILED'
      local.trace = redact(traceOf(error), resolved.secrets)
    }
  }

  dropConnector(name: string): void {
    this.#connectors.delete(name)
  }

  connectorNames(): readonly string[] {
    return [...this.#connectors.keys()]
  }

  #start(connector: string, config: RawConfig, taskConfig: RawConfig, task: number, count: number): LocalTask {
    const fingerprint = fingerprintOf(config, taskConfig)
    try {
      const plugin = this.#ctx.registry.connector(config['connector.class'] ?? '')
      if (plugin === undefined) throw new Error(`unknown connector.class '${config['connector.class'] ?? ''}'`)
      // raw configs: the engine resolves config-provider placeholders for the task and hides their values
      const handle: ConnectorHandle = { name: connector, config: { ...config, name: connector }, plugin, state: 'RUNNING', trace: undefined, tasks: [] }
      const env = { backend: this.#ctx.backend, registry: this.#ctx.registry, steps: new Map(), clock: this.#ctx.clock, idleWaitMs: 50, configEnv: this.#ctx.env }
      const started = startTask(env, handle, taskConfig, task, count)
      return { fingerprint, secrets: started.secrets ?? [], handle: started, failure: undefined }
    } catch (error) {
      const secrets = [...resolveConfig(config, this.#ctx.env).secrets, ...resolveConfig(taskConfig, this.#ctx.env).secrets]
      return { fingerprint, secrets, handle: undefined, failure: redact(traceOf(error), secrets) }
    }
  }

  /** Runs a task with these configs, restarting it when they changed (or when asked); applies the target state. */
  async runTask(connector: string, config: RawConfig, taskConfig: RawConfig, task: number, count: number, target: TargetState, restart = false): Promise<void> {
    const id = taskId(connector, task)
    const held = this.#tasks.get(id)
    if (held !== undefined && (restart || held.fingerprint !== fingerprintOf(config, taskConfig))) await this.stopTask(connector, task)
    const running = this.#tasks.get(id) ?? this.#start(connector, config, taskConfig, task, count)
    this.#tasks.set(id, running)
    if (target === 'PAUSED') running.handle?.control.pause()
    else running.handle?.control.resume()
  }

  /** Stops a task gracefully (its batch finishes, offsets are committed). */
  async stopTask(connector: string, task: number): Promise<void> {
    const id = taskId(connector, task)
    const held = this.#tasks.get(id)
    if (held === undefined) return
    this.#tasks.delete(id)
    held.handle?.control.requestStop()
    await held.handle?.done
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
    if (t.handle === undefined) return { state: 'FAILED', trace: t.failure ?? null }
    const { state, trace } = t.handle.control
    return { state, trace: state === 'FAILED' && trace !== undefined ? redact(trace, t.secrets) : null }
  }

  /** Stops every task (in parallel) and forgets every connector. */
  async stopAll(): Promise<void> {
    await Promise.all(this.tasks().map((t) => this.stopTask(t.connector, t.task)))
    this.#connectors.clear()
  }
}
