import type { DistributedWorkerOptions } from './distributed-config.js'
import { DistributedWorker } from './distributed-worker.js'
import { commitKey, commitValue, connectorKey, propertiesValue, restartKey, restartValue, targetStateKey, targetStateValue } from './config-records.js'
import type { ConnectorEntry } from './config-view.js'
import type { ConnectorConfig, ConnectorInfo, ConnectorStatus, OffsetEntry, TargetState, TaskInfo, TaskStatus } from '@pipe/dsl/contract'
import { readOffsets, resetOffsets, writeOffsets } from '../connector-offsets.js'
import type { Herder, PutResult, RestartRequest, WorkerSample } from '../herder.js'
import { resolvePlugin } from '../plugins.js'
import { checkConfig } from '../standalone-herder.js'
import { setOwn } from '../../records/own-property.js'
import { ConnectorExistsError, ConnectorNotFoundError, ConnectorNotStoppedError, RebalanceInProgressError, TaskNotFoundError } from '../worker-errors.js'


/** What a distributed herder needs besides the worker's. */
export interface DistributedHerderOptions extends DistributedWorkerOptions {
  /** Headers (the REST API's own credentials) sent when a task restart is forwarded to the worker that runs it. */
  readonly forwardHeaders?: Readonly<Record<string, string>>
}

/**
 * Kafka Connect's distributed herder over pipe's engine. Every worker follows the config topic and
 * writes to it directly (it has one partition, so all workers apply writes in one order; there is
 * no forwarding to a leader). Statuses come from the status topic, fresher for local tasks.
 */
export class DistributedHerder implements Herder {
  readonly #w: DistributedWorker
  readonly #options: DistributedHerderOptions

  constructor(options: DistributedHerderOptions) {
    this.#options = options
    this.#w = new DistributedWorker(options)
  }

  /** Reads the internal topics and joins the group; REST requests wait for nothing else. */
  start(): Promise<void> {
    return this.#w.start()
  }

  async #entry(name: string, message = `Connector ${name} not found`): Promise<ConnectorEntry> {
    await this.#w.readConfig()
    const entry = this.#w.config.get(name)
    if (entry === undefined) throw new ConnectorNotFoundError(name, message)
    return entry
  }

  #type(config: ConnectorConfig): 'source' | 'sink' | undefined {
    return resolvePlugin(this.#options.registry, config['connector.class'] ?? '')?.type
  }

  #info(entry: ConnectorEntry): ConnectorInfo {
    return { name: entry.name, config: entry.config, tasks: entry.tasks.map((_, task) => ({ connector: entry.name, task })), type: this.#type(entry.config) ?? 'unknown' }
  }

  async connectorNames(): Promise<readonly string[]> {
    await this.#w.readConfig()
    return this.#w.config.names()
  }

  async connectorInfo(name: string): Promise<ConnectorInfo> {
    return this.#info(await this.#entry(name))
  }

  async connectorConfig(name: string): Promise<ConnectorConfig> {
    return (await this.#entry(name)).config
  }

  async createConnector(name: string, config: ConnectorConfig, initialState?: TargetState): Promise<ConnectorInfo> {
    checkConfig(this.#options.registry, name, config)
    await this.#w.readConfig()
    if (this.#w.config.get(name) !== undefined) throw new ConnectorExistsError(name)
    const target = initialState === undefined ? [] : [{ key: targetStateKey(name), value: targetStateValue(initialState) }]
    await this.#w.writeConfig([...target, { key: connectorKey(name), value: propertiesValue({ ...config, name }) }])
    return this.connectorInfo(name)
  }

  async putConnectorConfig(name: string, config: ConnectorConfig): Promise<PutResult> {
    checkConfig(this.#options.registry, name, config)
    await this.#w.readConfig()
    const existing = this.#w.config.get(name)
    const next = { ...config, name }
    // an unchanged config is not written again: a repeated deploy restarts nothing
    if (existing !== undefined && JSON.stringify(Object.entries(existing.config).sort()) === JSON.stringify(Object.entries(next).sort())) {
      return { created: false, info: this.#info(existing) }
    }
    await this.#w.writeConfig([{ key: connectorKey(name), value: propertiesValue(next) }])
    return { created: existing === undefined, info: await this.connectorInfo(name) }
  }

  async patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo> {
    const merged: Record<string, string> = { ...(await this.#entry(name)).config }
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) Reflect.deleteProperty(merged, k)
      else setOwn(merged, k, v)
    }
    return (await this.putConnectorConfig(name, merged)).info
  }

  async deleteConnector(name: string): Promise<void> {
    await this.#entry(name)
    await this.#w.writeConfig([{ key: connectorKey(name), value: null }, { key: targetStateKey(name), value: null }])
  }

  #taskStatus(name: string, task: number): TaskStatus {
    const local = this.#w.localTask(name, task)
    if (local !== undefined) return { id: task, state: local.state, worker_id: this.#w.workerId, ...(local.trace === null ? {} : { trace: local.trace }) }
    const s = this.#w.statuses.task(name, task)
    if (s === undefined) return { id: task, state: 'UNASSIGNED', worker_id: this.#w.workerId }
    return { id: task, state: s.state, worker_id: s.worker_id, ...(s.trace === null ? {} : { trace: s.trace }) }
  }

  async connectorStatus(name: string): Promise<ConnectorStatus> {
    const entry = await this.#entry(name, `No status found for connector ${name}`)
    await this.#w.readStatuses()
    const local = this.#w.localConnector(name)
    const s = local === undefined ? this.#w.statuses.connector(name) : { ...local, worker_id: this.#w.workerId }
    const connector = s === undefined ? { state: 'UNASSIGNED' as const, worker_id: this.#w.workerId } : { state: s.state, worker_id: s.worker_id, ...(s.trace === null ? {} : { trace: s.trace }) }
    return { name, connector, tasks: entry.tasks.map((_, task) => this.#taskStatus(name, task)), type: this.#type(entry.config) ?? 'source' }
  }

  async taskConfigs(name: string): Promise<readonly TaskInfo[]> {
    return (await this.#entry(name)).tasks.map((config, task) => ({ id: { connector: name, task }, config }))
  }

  async taskStatus(name: string, task: number): Promise<TaskStatus> {
    await this.#w.readConfig()
    const entry = this.#w.config.get(name)
    if (entry === undefined || task < 0 || task >= entry.tasks.length) throw new TaskNotFoundError(name, task, `No status found for task ${name}-${String(task)}`)
    await this.#w.readStatuses()
    return this.#taskStatus(name, task)
  }

  async restartConnector(name: string, request: RestartRequest): Promise<ConnectorStatus | undefined> {
    const entry = await this.#entry(name, `Unknown connector: ${name}`)
    const status = await this.connectorStatus(name)
    const record = [{ key: restartKey(name), value: restartValue(request.includeTasks, request.onlyFailed) }]
    if (!request.includeTasks && !request.onlyFailed) {
      if (entry.target !== 'STOPPED') await this.#w.writeConfig(record)
      return undefined
    }
    const connectorToo = !request.onlyFailed || status.connector.state === 'FAILED'
    const restarting = (state: string): boolean => request.includeTasks && (!request.onlyFailed || state === 'FAILED')
    const tasks = status.tasks.map((t) => (restarting(t.state) ? { ...t, state: 'RESTARTING' as const } : t))
    if (entry.target !== 'STOPPED' && (connectorToo || tasks.some((t) => t.state === 'RESTARTING'))) await this.#w.writeConfig(record)
    return { ...status, connector: connectorToo ? { ...status.connector, state: 'RESTARTING' } : status.connector, tasks }
  }

  async restartTask(name: string, task: number): Promise<void> {
    const entry = await this.#entry(name, `Unknown connector: ${name}`)
    if (task < 0 || task >= entry.tasks.length) throw new TaskNotFoundError(name, task, `Unknown task: ${name}-${String(task)}`)
    if (this.#w.restartLocalTask(name, task)) return
    // Kafka Connect forwards a task restart to the worker that runs the task
    await this.#w.readStatuses()
    const owner = this.#w.statuses.task(name, task)?.worker_id
    if (owner === undefined || owner === this.#w.workerId) throw new RebalanceInProgressError()
    const url = `http://${owner}/connectors/${encodeURIComponent(name)}/tasks/${String(task)}/restart`
    const response = await fetch(url, { method: 'POST', headers: { ...this.#options.forwardHeaders }, signal: AbortSignal.timeout(30_000) }).catch(() => undefined)
    if (response?.status !== 204) throw new RebalanceInProgressError()
  }

  async #target(name: string, state: TargetState): Promise<void> {
    await this.#entry(name, `Unknown connector ${name}`)
    await this.#w.writeConfig([{ key: targetStateKey(name), value: targetStateValue(state) }])
  }

  pauseConnector(name: string): Promise<void> {
    return this.#target(name, 'PAUSED')
  }

  resumeConnector(name: string): Promise<void> {
    return this.#target(name, 'RUNNING')
  }

  async stopConnector(name: string): Promise<void> {
    await this.#entry(name, `Unknown connector ${name}`)
    // target state first, so that the connector's owner never regenerates the tasks being removed
    await this.#w.writeConfig([{ key: targetStateKey(name), value: targetStateValue('STOPPED') }, { key: commitKey(name), value: commitValue(0) }])
  }

  async offsets(name: string): Promise<readonly OffsetEntry[]> {
    const entry = await this.#entry(name)
    return readOffsets(this.#w.backend, name, this.#type(entry.config) ?? 'source')
  }

  async #stopped(name: string): Promise<'source' | 'sink'> {
    const entry = await this.#entry(name)
    if (entry.target !== 'STOPPED' || entry.tasks.length > 0) throw new ConnectorNotStoppedError(name)
    return this.#type(entry.config) ?? 'source'
  }

  async alterOffsets(name: string, offsets: readonly OffsetEntry[]): Promise<void> {
    await writeOffsets(this.#w.backend, name, await this.#stopped(name), offsets)
  }

  async resetOffsets(name: string): Promise<void> {
    await resetOffsets(this.#w.backend, name, await this.#stopped(name))
  }

  async topics(name: string): Promise<readonly string[]> {
    await this.#w.readConfig()
    const entry = this.#w.config.get(name)
    if (entry === undefined || entry.target === 'STOPPED') return []
    const keys = this.#type(entry.config) === 'source' ? ['topic'] : ['topics']
    return keys.flatMap((k) => (entry.config[k] ?? '').split(',')).map((t) => t.trim()).filter((t) => t !== '')
  }

  resetTopics(): Promise<void> {
    return Promise.resolve()
  }

  sample(): Promise<WorkerSample> {
    return this.#w.sample()
  }

  close(): Promise<void> {
    return this.#w.close()
  }
}
