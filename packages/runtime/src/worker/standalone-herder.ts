import type { ConnectorConfig, ConnectorInfo, ConnectorStatus, OffsetEntry, TargetState, TaskInfo, TaskStatus } from '@pipe/dsl/contract'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import { readOffsets, resetOffsets, writeOffsets } from './connector-offsets.js'
import type { StartupCounts } from '../engine/engine.js'
import { addStartups, type Herder, type PutResult, type RestartRequest, type WorkerSample } from './herder.js'
import type { WorkerContext } from './managed-connector.js'
import { ManagedConnector } from './managed-connector.js'
import { resolvePlugin, unknownClassMessage, workerTaskConfigs } from './plugins.js'
import { invalidConfigMessage, validateConnectorConfig, validationErrors } from './validate-config.js'
import type { ResolvedPlugin } from './validate-config.js'
import { setOwn } from '../records/own-property.js'
import { ConnectorExistsError, ConnectorNameMismatchError, ConnectorNotFoundError, ConnectorNotStoppedError, InvalidConnectorConfigError, MissingConnectorClassError, TaskNotFoundError, UnknownConnectorClassError } from './worker-errors.js'

/** Java's `Map.toString()`, as Kafka Connect prints configs in some messages. */
const javaMap = (config: ConnectorConfig): string => `{${Object.entries(config).map(([k, v]) => `${k}=${v}`).join(', ')}}`

/** Checks a config as Kafka Connect does before writing it; returns the plugin that runs it. */
export function checkConfig(registry: ConnectorRegistry, name: string, config: ConnectorConfig): ResolvedPlugin {
  if (config['name'] !== undefined && config['name'] !== name) {
    throw new ConnectorNameMismatchError(config['name'], name)
  }
  const withName = { ...config, name }
  const className = config['connector.class']
  if (className === undefined) throw new MissingConnectorClassError(javaMap(withName))
  const plugin = resolvePlugin(registry, className)
  if (plugin === undefined) throw new UnknownConnectorClassError(className, `org.apache.kafka.connect.errors.ConnectException: ${unknownClassMessage(registry, className)}`)
  const errors = validationErrors(validateConnectorConfig(plugin, withName, registry))
  if (errors.length > 0) throw new InvalidConnectorConfigError(invalidConfigMessage(errors))
  return plugin
}

/**
 * Kafka Connect's standalone herder over pipe's engine: connector configs and target states in
 * memory, offsets in the worker's topic backend (the embedded state directory, or Kafka).
 */
class StandaloneHerder implements Herder {
  readonly #ctx: WorkerContext
  readonly #connectors = new Map<string, ManagedConnector>()
  readonly #watch: NodeJS.Timeout
  #retired: StartupCounts = addStartups([])

  constructor(ctx: WorkerContext) {
    this.#ctx = ctx
    this.#watch = setInterval(() => { for (const c of this.#connectors.values()) c.logTransitions() }, 250)
    this.#watch.unref()
  }

  #get(name: string, message = `Connector ${name} not found`): ManagedConnector {
    const c = this.#connectors.get(name)
    if (c === undefined) throw new ConnectorNotFoundError(name, message)
    return c
  }

  /** Starts a connector whose config `checkConfig` accepted (as `plugin`): every config is validated once. */
  #install(name: string, config: ConnectorConfig, plugin: ResolvedPlugin, target: TargetState): ManagedConnector {
    const managed = new ManagedConnector(this.#ctx, name, { ...config, name }, plugin, target)
    this.#connectors.set(name, managed)
    this.#ctx.log(`connector ${name} configured (${plugin.type}, ${plugin.className}, target ${target})`)
    return managed
  }

  #stopped(name: string): ManagedConnector {
    const c = this.#get(name)
    if (c.target !== 'STOPPED' || c.status().tasks.length > 0) throw new ConnectorNotStoppedError(name)
    return c
  }

  connectorNames(): Promise<readonly string[]> {
    return Promise.resolve([...this.#connectors.keys()])
  }

  connectorInfo(name: string): Promise<ConnectorInfo> {
    return Promise.resolve(infoOf(this.#get(name)))
  }

  connectorConfig(name: string): Promise<ConnectorConfig> {
    return Promise.resolve(this.#get(name).config)
  }

  createConnector(name: string, config: ConnectorConfig, initialState: TargetState = 'RUNNING'): Promise<ConnectorInfo> {
    const plugin = checkConfig(this.#ctx.registry, name, config)
    if (this.#connectors.has(name)) throw new ConnectorExistsError(name)
    return Promise.resolve(infoOf(this.#install(name, config, plugin, initialState)))
  }

  async putConnectorConfig(name: string, config: ConnectorConfig): Promise<PutResult> {
    const existing = this.#connectors.get(name)
    const plugin = checkConfig(this.#ctx.registry, name, config)
    if (existing === undefined) return { created: true, info: infoOf(this.#install(name, config, plugin, 'RUNNING')) }
    // an unchanged config leaves the running connector alone (a repeated deploy restarts nothing)
    if (sameConfig(existing.config, { ...config, name })) return { created: false, info: infoOf(existing) }
    await this.#retire(existing)
    return { created: false, info: infoOf(this.#install(name, config, plugin, existing.target)) }
  }

  async patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo> {
    const merged: Record<string, string> = { ...this.#get(name).config }
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) Reflect.deleteProperty(merged, k)
      else setOwn(merged, k, v)
    }
    return (await this.putConnectorConfig(name, merged)).info
  }

  async deleteConnector(name: string): Promise<void> {
    const c = this.#get(name)
    this.#connectors.delete(name)
    await this.#retire(c)
    this.#ctx.log(`connector ${name} deleted`)
  }

  connectorStatus(name: string): Promise<ConnectorStatus> {
    return Promise.resolve(this.#get(name, `No status found for connector ${name}`).status())
  }

  taskConfigs(name: string): Promise<readonly TaskInfo[]> {
    return Promise.resolve(taskInfos(this.#ctx.registry, this.#get(name)))
  }

  taskStatus(name: string, task: number): Promise<TaskStatus> {
    const found = this.#connectors.get(name)?.status().tasks.find((t) => t.id === task)
    if (found === undefined) throw new TaskNotFoundError(name, task, `No status found for task ${name}-${String(task)}`)
    return Promise.resolve(found)
  }

  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStatus | undefined> {
    return Promise.resolve(restart(this.#get(name, `Unknown connector: ${name}`), request))
  }

  restartTask(name: string, task: number): Promise<void> {
    const c = this.#get(name, `Unknown connector: ${name}`)
    if (!c.status().tasks.some((t) => t.id === task)) throw new TaskNotFoundError(name, task, `Unknown task: ${name}-${String(task)}`)
    c.restartTask(task)
    return Promise.resolve()
  }

  pauseConnector(name: string): Promise<void> {
    return this.#get(name, `Unknown connector ${name}`).pause()
  }

  resumeConnector(name: string): Promise<void> {
    return this.#get(name, `Unknown connector ${name}`).resume()
  }

  stopConnector(name: string): Promise<void> {
    return this.#get(name, `Unknown connector ${name}`).stop()
  }

  offsets(name: string): Promise<readonly OffsetEntry[]> {
    return readOffsets(this.#ctx.backend, name, this.#get(name).plugin.type)
  }

  alterOffsets(name: string, offsets: readonly OffsetEntry[]): Promise<void> {
    return writeOffsets(this.#ctx.backend, name, this.#stopped(name).plugin.type, offsets)
  }

  resetOffsets(name: string): Promise<void> {
    return resetOffsets(this.#ctx.backend, name, this.#stopped(name).plugin.type)
  }

  topics(name: string): Promise<readonly string[]> {
    return Promise.resolve(activeTopics(this.#connectors.get(name)))
  }

  resetTopics(name: string): Promise<void> {
    const c = this.#connectors.get(name)
    if (c !== undefined) c.topicsReset = true
    return Promise.resolve()
  }

  /** Closes a connector that is replaced or deleted; its start-ups still count. */
  async #retire(c: ManagedConnector): Promise<void> {
    await c.close()
    this.#retired = addStartups([this.#retired, (await c.sample()).startups])
  }

  async sample(): Promise<WorkerSample> {
    const samples = await Promise.all([...this.#connectors.values()].map((c) => c.sample()))
    return {
      connectors: samples.flatMap((s) => (s.connector === undefined ? [] : [s.connector])),
      startups: addStartups([this.#retired, ...samples.map((s) => s.startups)]),
      storeBytes: this.#ctx.backend.storeBytes?.(),
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#watch)
    for (const c of this.#connectors.values()) c.logTransitions()
    await Promise.all([...this.#connectors.values()].map((c) => c.close()))
  }
}

/** A standalone herder over a worker's backend and plugins. */
export function createStandaloneHerder(ctx: WorkerContext): Herder {
  return new StandaloneHerder(ctx)
}

function sameConfig(a: ConnectorConfig, b: ConnectorConfig): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

function infoOf(c: ManagedConnector): ConnectorInfo {
  const tasks = c.status().tasks.map((t) => ({ connector: c.name, task: t.id }))
  return { name: c.name, config: c.config, tasks, type: c.plugin.type }
}

function taskInfos(registry: ConnectorRegistry, c: ManagedConnector): readonly TaskInfo[] {
  const count = c.status().tasks.length
  if (count === 0) return []
  const configs = workerTaskConfigs(registry, c.config, count)
  return Array.from({ length: count }, (_, task) => ({ id: { connector: c.name, task }, config: configs[task] ?? c.config }))
}

function restart(c: ManagedConnector, request: RestartRequest): ConnectorStatus | undefined {
  const status = c.status()
  if (!request.includeTasks && !request.onlyFailed) {
    c.restart(false, false)
    return undefined
  }
  const connectorToo = !request.onlyFailed || status.connector.state === 'FAILED'
  const restarting = (state: string): boolean => request.includeTasks && (!request.onlyFailed || state === 'FAILED')
  const tasks = status.tasks.map((t) => (restarting(t.state) ? { ...t, state: 'RESTARTING' as const } : t))
  if (connectorToo || tasks.some((t) => t.state === 'RESTARTING')) c.restart(request.includeTasks, request.onlyFailed)
  return { ...status, connector: connectorToo ? { ...status.connector, state: 'RESTARTING' } : status.connector, tasks }
}

function activeTopics(c: ManagedConnector | undefined): readonly string[] {
  if (c === undefined || c.topicsReset || c.target === 'STOPPED') return []
  const keys = c.plugin.type === 'source' ? ['topic'] : ['topics']
  return keys.flatMap((k) => (c.config[k] ?? '').split(',')).map((t) => t.trim()).filter((t) => t !== '')
}
