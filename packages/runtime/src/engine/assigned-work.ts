import type { ConnectorDocument, TargetState, ConnectorConfig } from '@pipe/dsl/contract'
import { traceOf } from '../errors.js'
import { redact, resolveTaskConfig } from './config-providers.js'
import type { ConnectorHandle, TaskHandle } from './connector-handle.js'
import type { AssignedWork } from './engine-api.js'
import { ensureTopics } from './ensure-topics.js'
import { resolveConnector } from './resolve-connector.js'
import { failedTask, startTask, type TaskEnvironment } from './start-task.js'

/** What the assigned work shares with the rest of the engine. */
export interface EngineCore {
  readonly env: TaskEnvironment & { readonly configEnv: NonNullable<TaskEnvironment['configEnv']> }
  readonly connectors: Map<string, ConnectorHandle>
  readonly changed: () => void
}

const stateOf = (target: TargetState): ConnectorHandle['state'] => target

/**
 * Connectors and single tasks a distributed group assigned to this worker. A connector's record
 * (its resolved config) is shared by its instance and its tasks here, and replaced when its config
 * changes; its task list holds only the tasks this worker runs (by `control.id`).
 */
export class AssignedConnectors implements AssignedWork {
  readonly #core: EngineCore
  readonly #raw = new Map<string, string>()
  readonly #owned = new Set<string>()

  constructor(core: EngineCore) {
    this.#core = core
  }

  #handle(def: ConnectorDocument): ConnectorHandle {
    const { connectors, env } = this.#core
    const raw = JSON.stringify(def.config)
    const held = connectors.get(def.name)
    if (held !== undefined && this.#raw.get(def.name) === raw) return held
    const className = def.config['connector.class'] ?? ''
    const plugin = env.registry.connector(className)
    if (plugin === undefined) throw new Error(`unknown connector.class '${className}'`)
    const handle = resolveConnector(def, plugin, env.configEnv)
    // tasks started with the old config run on until their owner restarts them
    if (held !== undefined) handle.tasks = held.tasks
    connectors.set(def.name, handle)
    this.#raw.set(def.name, raw)
    return handle
  }

  async startConnector(def: ConnectorDocument, target: TargetState): Promise<string | undefined> {
    let handle: ConnectorHandle | undefined
    try {
      handle = this.#handle(def)
      this.#owned.add(def.name)
      if (target !== 'STOPPED') await ensureTopics(this.#core.env.backend, handle.plugin.type, handle.config)
      handle.state = stateOf(target)
      handle.trace = undefined
      return undefined
    } catch (error) {
      const trace = redact(traceOf(error), handle?.secrets ?? [])
      if (handle !== undefined) {
        handle.state = 'FAILED'
        handle.trace = trace
      }
      return trace
    } finally {
      this.#core.changed()
    }
  }

  dropConnector(name: string): void {
    this.#owned.delete(name)
    this.#forgetIfUnused(name)
  }

  #forgetIfUnused(name: string): void {
    const handle = this.#core.connectors.get(name)
    if (handle === undefined || this.#owned.has(name) || handle.tasks.length > 0) return
    this.#core.connectors.delete(name)
    this.#raw.delete(name)
  }

  startTask(def: ConnectorDocument, taskConfig: ConnectorConfig, task: number, count: number): void {
    const handle = this.#handle(def)
    let started: TaskHandle
    try {
      const resolved = resolveTaskConfig(taskConfig, this.#core.env.configEnv)
      started = startTask(this.#core.env, handle, resolved.config, task, count, resolved.secrets)
    } catch (error) {
      started = failedTask(this.#core.env, handle, error, task)
    }
    handle.tasks = [...handle.tasks.filter((t) => t.control.id !== task), started].sort((a, b) => a.control.id - b.control.id)
    this.#core.changed()
  }

  #task(name: string, task: number): TaskHandle | undefined {
    return this.#core.connectors.get(name)?.tasks.find((t) => t.control.id === task)
  }

  pauseTask(name: string, task: number): void {
    this.#task(name, task)?.control.pause()
  }

  resumeTask(name: string, task: number): void {
    this.#task(name, task)?.control.resume()
  }

  async stopTask(name: string, task: number): Promise<void> {
    const handle = this.#core.connectors.get(name)
    const held = this.#task(name, task)
    if (handle === undefined || held === undefined) return
    handle.tasks = handle.tasks.filter((t) => t !== held)
    held.control.requestStop()
    await held.done
    this.#forgetIfUnused(name)
    this.#core.changed()
  }
}
