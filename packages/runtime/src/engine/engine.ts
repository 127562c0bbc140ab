import { RuntimeError, traceOf } from '../errors.js'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { Clock, ConnectorConfig } from '../tasks/task-context.js'
import { systemClock } from '../tasks/task-context.js'
import type { TopicBackend } from '../topics/topic-backend.js'
import type { StepFunction } from '../tasks/transformation.js'
import type { ConnectorHandle } from './connector-handle.js'
import { statusOf } from './connector-handle.js'
import type { TaskMetrics } from './connector-status.js'
import { checkTopicCreation, ensureTopics } from './ensure-topics.js'
import { startTask } from './start-task.js'
import type { TaskEnvironment } from './start-task.js'
import { sinkConsumerGroup, type ConnectorDocument, type ConnectorStatus, type OffsetsBody } from '@pipe/dsl/contract'

/** How to build an engine. */
export interface EngineOptions {
  readonly backend: TopicBackend
  /** Connectors, transforms and predicates by class name (see `defaultRegistry`). */
  readonly registry: ConnectorRegistry
  /** TypeScript step functions by stable id (dsl `getStepFunctions(pipeline)`). */
  readonly steps?: ReadonlyMap<string, StepFunction>
  readonly clock?: Clock
  /** Reported as `worker_id` in statuses. */
  readonly workerId?: string
  /** Wait after an empty source poll, in ms. @default 50 */
  readonly idleWaitMs?: number
}

/** Options of a connector restart (`POST /connectors/{c}/restart`). */
export interface RestartOptions {
  readonly includeTasks?: boolean
  readonly onlyFailed?: boolean
}

/** The running engine: starts connectors, controls them, reports status. */
export interface Engine {
  /** Validates, creates topics and starts each connector's tasks; resolves once all tasks were started. */
  start(connectors: readonly ConnectorDocument[]): Promise<void>
  pause(name: string): void
  resume(name: string): Promise<void>
  restart(name: string, options?: RestartOptions): Promise<void>
  /** Restarts one task (`POST /connectors/{c}/tasks/{t}/restart`); the connector's other tasks keep running. */
  restartTask(name: string, task: number): Promise<void>
  /** Stops a connector's tasks gracefully (offsets flushed); its state becomes STOPPED. */
  stopConnector(name: string): Promise<void>
  status(name: string): ConnectorStatus
  statuses(): readonly ConnectorStatus[]
  metrics(name: string): readonly TaskMetrics[]
  /** Committed offsets, shaped like `GET /connectors/{c}/offsets` (sources: their partitions; sinks: `kafka_topic`/`kafka_partition` -> `kafka_offset`). */
  offsets(name: string): Promise<OffsetsBody>
  /** True when every task is FAILED, or holds no records in progress and has done nothing for `idleMs` (for `--max-idle`). */
  isIdle(idleMs: number): boolean
  /** Stops everything gracefully: each task finishes its batch, flushes and commits offsets. */
  stop(): Promise<void>
}

function taskCount(config: ConnectorConfig): number {
  const n = Number(config['tasks.max'] ?? '1')
  if (!Number.isInteger(n) || n < 1) throw new RuntimeError('PIPE_INVALID_CONFIG', `invalid tasks.max '${config['tasks.max'] ?? ''}': expected an integer >= 1`)
  return n
}

async function launch(env: TaskEnvironment, handle: ConnectorHandle): Promise<void> {
  try {
    await ensureTopics(env.backend, handle.plugin.type, handle.config)
    const configs = handle.plugin.taskConfigs(handle.config, taskCount(handle.config))
    handle.tasks = configs.map((c, i) => startTask(env, handle, c, i, configs.length))
    handle.state = 'RUNNING'
    handle.trace = undefined
  } catch (error) {
    handle.state = 'FAILED'
    handle.trace = traceOf(error)
  }
}

async function halt(handle: ConnectorHandle): Promise<void> {
  for (const t of handle.tasks) t.control.requestStop()
  await Promise.all(handle.tasks.map((t) => t.done))
}

class EngineImpl implements Engine {
  readonly #env: TaskEnvironment
  readonly #registry: ConnectorRegistry
  readonly #workerId: string
  readonly #connectors = new Map<string, ConnectorHandle>()

  constructor(options: EngineOptions) {
    this.#env = {
      backend: options.backend, registry: options.registry, steps: options.steps ?? new Map(),
      clock: options.clock ?? systemClock, idleWaitMs: options.idleWaitMs ?? 50,
    }
    this.#registry = options.registry
    this.#workerId = options.workerId ?? '127.0.0.1:pipe'
  }

  #get(name: string): ConnectorHandle {
    const handle = this.#connectors.get(name)
    if (handle === undefined) throw new RuntimeError('PIPE_UNKNOWN_CONNECTOR', `unknown connector '${name}' (running: ${[...this.#connectors.keys()].join(', ') || 'none'})`)
    return handle
  }

  #create(def: ConnectorDocument): ConnectorHandle {
    if (this.#connectors.has(def.name)) throw new RuntimeError('PIPE_CONNECTOR_EXISTS', `Connector ${def.name} already exists`)
    const className = def.config['connector.class'] ?? ''
    const plugin = this.#registry.connector(className)
    if (plugin === undefined) {
      throw new RuntimeError('PIPE_UNKNOWN_CONNECTOR_CLASS', `unknown connector.class '${className}' for connector '${def.name}' (available: ${this.#registry.connectorClasses().join(', ')})`)
    }
    const problems = plugin.validate?.(def.config) ?? []
    if (problems.length > 0) throw new RuntimeError('PIPE_INVALID_CONFIG', `connector '${def.name}' has an invalid config: ${problems.join('; ')}`)
    const handle: ConnectorHandle = { name: def.name, config: { ...def.config, name: def.name }, plugin, state: 'UNASSIGNED', trace: undefined, tasks: [] }
    this.#connectors.set(def.name, handle)
    return handle
  }

  async start(defs: readonly ConnectorDocument[]): Promise<void> {
    const handles = defs.map((d) => this.#create(d))
    // a topic the cluster cannot create (replication factor) is refused before any connector starts
    for (const h of handles) await checkTopicCreation(this.#env.backend, h.plugin.type, h.config)
    await Promise.all(handles.map((h) => launch(this.#env, h)))
  }

  pause(name: string): void {
    const h = this.#get(name)
    h.tasks.forEach((t) => {
      t.control.pause()
    })
    if (h.state === 'RUNNING') h.state = 'PAUSED'
  }

  async resume(name: string): Promise<void> {
    const h = this.#get(name)
    if (h.state === 'STOPPED') return launch(this.#env, h)
    h.tasks.forEach((t) => {
      t.control.resume()
    })
    if (h.state === 'PAUSED') h.state = 'RUNNING'
  }

  async restart(name: string, opts: RestartOptions = {}): Promise<void> {
    const h = this.#get(name)
    const restartConnector = opts.onlyFailed !== true || h.state === 'FAILED'
    const failed = h.tasks.filter((t) => t.control.state === 'FAILED').map((t) => t.control.id)
    // as Kafka Connect: a healthy connector restarted with onlyFailed restarts just its failed tasks
    if (!restartConnector || (opts.includeTasks !== true && h.state !== 'FAILED')) {
      // restarting only a healthy Connector object leaves its tasks running: pipe's holds no state to restart
      if (opts.includeTasks === true) await Promise.all(failed.map((id) => this.restartTask(name, id)))
      return
    }
    h.state = 'RESTARTING'
    h.tasks.forEach((t) => {
      t.control.setState('RESTARTING')
    })
    await halt(h)
    await launch(this.#env, h)
  }

  async restartTask(name: string, task: number): Promise<void> {
    const h = this.#get(name)
    const old = h.tasks[task]
    if (old === undefined) throw new RuntimeError('PIPE_UNKNOWN_TASK', `unknown task ${name}-${String(task)} (it has ${String(h.tasks.length)} tasks)`)
    old.control.setState('RESTARTING')
    old.control.requestStop()
    await old.done
    const configs = h.plugin.taskConfigs(h.config, h.tasks.length)
    // replaced only if no connector restart or stop replaced the task list meanwhile
    if (h.tasks[task] === old) h.tasks[task] = startTask(this.#env, h, configs[task] ?? h.config, task, h.tasks.length)
  }

  async stopConnector(name: string): Promise<void> {
    const h = this.#get(name)
    await halt(h)
    h.tasks = []
    h.state = 'STOPPED'
  }

  status(name: string): ConnectorStatus {
    return statusOf(this.#get(name), this.#workerId)
  }

  statuses(): readonly ConnectorStatus[] {
    return [...this.#connectors.values()].map((h) => statusOf(h, this.#workerId))
  }

  metrics(name: string): readonly TaskMetrics[] {
    return this.#get(name).tasks.map((t) => t.control.metrics)
  }

  async offsets(name: string): Promise<OffsetsBody> {
    const h = this.#get(name)
    if (h.plugin.type === 'source') return { offsets: await this.#env.backend.listSourceOffsets(name) }
    const committed = await this.#env.backend.listGroupOffsets(sinkConsumerGroup(name))
    return { offsets: committed.map((o) => ({ partition: { kafka_topic: o.topic, kafka_partition: o.partition }, offset: { kafka_offset: o.offset } })) }
  }

  isIdle(idleMs: number): boolean {
    const now = this.#env.clock.now()
    return [...this.#connectors.values()].every((h) => h.tasks.every((t) => t.control.state === 'FAILED' || (!t.control.working && now - t.control.metrics.lastActivity >= idleMs)))
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#connectors.values()].map((h) => halt(h)))
    // as a worker shutting down reports them: UNASSIGNED, failures kept
    for (const h of this.#connectors.values()) {
      if (h.state !== 'FAILED') h.state = 'UNASSIGNED'
      h.tasks.forEach((t) => {
        t.control.setState('UNASSIGNED')
      })
    }
  }
}

/**
 * Creates an engine over a topic backend.
 *
 * @example
 * ```ts
 * const engine = createEngine({ backend: createEmbeddedTopicBackend(), registry: defaultRegistry({ writer }) })
 * await engine.start(compiled.connectors)   // [{ name, config }], Kafka Connect's POST /connectors bodies
 * engine.status('orders-source')            // like GET /connectors/orders-source/status
 * await engine.stop()                       // graceful: batches finish, offsets flushed
 * ```
 */
export function createEngine(options: EngineOptions): Engine {
  return new EngineImpl(options)
}
