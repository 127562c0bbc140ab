import { Subject, type Observable } from 'rxjs'
import { RuntimeError, traceOf } from '../errors.js'
import { systemClock } from '../tasks/task-context.js'
import { AssignedConnectors } from './assigned-work.js'
import type { ConnectorHandle, TaskHandle } from './connector-handle.js'
import { statusOf } from './connector-handle.js'
import type { TaskMetrics } from './connector-status.js'
import type { ConnectorSample, Engine, EngineOptions, RestartOptions, StartupCounts } from './engine-api.js'
import { readLag, sampled, statusChanges, throttledLag } from './engine-streams.js'
import { checkRunTopics, checkTopicCreation, ensureTopics } from './ensure-topics.js'
import { resolveConnector } from './resolve-connector.js'
import { seedSinkCheckpoints } from './seed-sink-checkpoints.js'
import { startTask } from './start-task.js'
import type { TaskEnvironment } from './start-task.js'
import { sinkConsumerGroup, type ConnectorDocument, type ConnectorStatus, type OffsetsBody, type ConnectorConfig } from '@pipe/dsl/contract'

export type { ConnectorSample, Engine, EngineOptions, RestartOptions, AssignedWork, StartupCounts } from './engine-api.js'

function taskCount(config: ConnectorConfig): number {
  const n = Number(config['tasks.max'] ?? '1')
  if (!Number.isInteger(n) || n < 1) throw new RuntimeError('PIPE_INVALID_CONFIG', `invalid tasks.max '${config['tasks.max'] ?? ''}': expected an integer >= 1`)
  return n
}

/** Counted start-ups: a task that fails before it runs (an unresolved placeholder) is a failed start-up. */
class Startups {
  connectorAttempts = 0
  connectorFailures = 0
  taskAttempts = 0
  taskFailures = 0
  task(task: TaskHandle): TaskHandle {
    this.taskAttempts++
    if (task.control.state === 'FAILED') this.taskFailures++
    return task
  }
  counts(): StartupCounts {
    return { connectorAttempts: this.connectorAttempts, connectorFailures: this.connectorFailures, taskAttempts: this.taskAttempts, taskFailures: this.taskFailures }
  }
}

async function launch(env: TaskEnvironment, handle: ConnectorHandle, startups: Startups): Promise<void> {
  startups.connectorAttempts++
  try {
    await ensureTopics(env.backend, handle.plugin.type, handle.config)
    const configs = handle.plugin.taskConfigs(handle.config, taskCount(handle.config))
    handle.tasks = configs.map((c, i) => startups.task(startTask(env, handle, c, i, configs.length)))
    handle.state = 'RUNNING'
    handle.trace = undefined
  } catch (error) {
    startups.connectorFailures++
    handle.state = 'FAILED'
    handle.trace = traceOf(error)
  }
  env.onChange?.()
}

async function halt(handle: ConnectorHandle): Promise<void> {
  for (const t of handle.tasks) t.control.requestStop()
  await Promise.all(handle.tasks.map((t) => t.done))
}

class EngineImpl implements Engine {
  readonly #env: TaskEnvironment & { readonly configEnv: NonNullable<TaskEnvironment['configEnv']> }
  readonly #options: EngineOptions
  readonly #workerId: string
  readonly #connectors = new Map<string, ConnectorHandle>()
  readonly #changed = new Subject<void>()
  readonly #lag: (name: string) => Promise<number | undefined>
  readonly #startups = new Startups()
  readonly status$: Observable<ConnectorStatus>
  readonly metrics$: Observable<readonly ConnectorSample[]>
  readonly assigned: AssignedConnectors

  constructor(options: EngineOptions) {
    this.#options = options
    const clock = options.clock ?? systemClock
    this.#env = {
      backend: options.backend, registry: options.registry, steps: options.steps ?? new Map(),
      clock, idleWaitMs: options.idleWaitMs ?? 50, configEnv: options.configEnv ?? process.env,
      onChange: () => { this.#changed.next() },
    }
    this.#workerId = options.workerId ?? '127.0.0.1:pipe'
    const sampleMs = options.sampleMs ?? 100
    this.status$ = statusChanges(this.#changed, () => this.statuses(), sampleMs)
    this.metrics$ = sampled(() => this.sample(), sampleMs)
    this.#lag = throttledLag((name) => readLag(this.#env.backend, this.#get(name)), clock)
    this.assigned = new AssignedConnectors({ env: this.#env, connectors: this.#connectors, changed: () => { this.#changed.next() } })
  }

  #get(name: string): ConnectorHandle {
    const handle = this.#connectors.get(name)
    if (handle === undefined) throw new RuntimeError('PIPE_UNKNOWN_CONNECTOR', `unknown connector '${name}' (running: ${[...this.#connectors.keys()].join(', ') || 'none'})`)
    return handle
  }

  /** Checks a connector's class and config and resolves its placeholders, before anything starts. */
  #prepare(def: ConnectorDocument): ConnectorHandle {
    if (this.#connectors.has(def.name)) throw new RuntimeError('PIPE_CONNECTOR_EXISTS', `Connector ${def.name} already exists`)
    const className = def.config['connector.class'] ?? ''
    const registry = this.#env.registry
    const plugin = registry.connector(className)
    if (plugin === undefined) {
      throw new RuntimeError('PIPE_UNKNOWN_CONNECTOR_CLASS', `unknown connector.class '${className}' for connector '${def.name}' (available: ${registry.connectorClasses().join(', ')})`)
    }
    const handle = resolveConnector(def, plugin, this.#env.configEnv)
    if (handle.unresolved !== undefined && this.#options.unresolvedConfig === 'refuse') throw handle.unresolved
    // the config as given (placeholders are resolved for the tasks only)
    const problems = plugin.validate?.(def.config) ?? []
    if (problems.length > 0) throw new RuntimeError('PIPE_INVALID_CONFIG', `connector '${def.name}' has an invalid config: ${problems.join('; ')}`)
    return handle
  }

  async start(defs: readonly ConnectorDocument[]): Promise<void> {
    const handles = defs.map((d) => this.#prepare(d))
    for (const h of handles) this.#connectors.set(h.name, h)
    const { backend, registry } = this.#env
    // a topic the cluster cannot create (replication factor) is refused before any topic is created
    const topics = this.#options.topics ?? []
    await checkRunTopics(backend, registry, topics, [])
    for (const h of handles) await checkTopicCreation(backend, h.plugin.type, h.config)
    for (const t of topics) await backend.ensureTopic(t)
    if (this.#options.seedSinkCheckpoints === true) await seedSinkCheckpoints(backend, handles)
    await Promise.all(handles.map((h) => launch(this.#env, h, this.#startups)))
  }

  pause(name: string): void {
    const h = this.#get(name)
    h.tasks.forEach((t) => {
      t.control.pause()
    })
    if (h.state === 'RUNNING') h.state = 'PAUSED'
    this.#changed.next()
  }

  async resume(name: string): Promise<void> {
    const h = this.#get(name)
    if (h.state === 'STOPPED') return launch(this.#env, h, this.#startups)
    h.tasks.forEach((t) => {
      t.control.resume()
    })
    if (h.state === 'PAUSED') h.state = 'RUNNING'
    this.#changed.next()
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
    this.#changed.next()
    await halt(h)
    await launch(this.#env, h, this.#startups)
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
    if (h.tasks[task] === old) h.tasks[task] = this.#startups.task(startTask(this.#env, h, configs[task] ?? h.config, task, h.tasks.length))
  }

  async stopConnector(name: string): Promise<void> {
    const h = this.#get(name)
    await halt(h)
    h.tasks = []
    h.state = 'STOPPED'
    this.#changed.next()
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

  async sample(): Promise<readonly ConnectorSample[]> {
    const samples: ConnectorSample[] = []
    for (const status of this.statuses()) {
      const metrics = this.metrics(status.name)
      samples.push({ status, metrics, lag: status.type === 'sink' ? await this.#lag(status.name) : undefined })
    }
    return samples
  }

  storeBytes(): number | undefined {
    return this.#env.backend.storeBytes?.()
  }

  startups(): StartupCounts {
    return this.#startups.counts()
  }

  lag(name: string): Promise<number | undefined> {
    return readLag(this.#env.backend, this.#get(name))
  }

  async offsets(name: string): Promise<OffsetsBody> {
    const h = this.#get(name)
    if (h.plugin.type === 'source') return { offsets: await this.#env.backend.listSourceOffsets(name) }
    const committed = await this.#env.backend.listGroupOffsets(sinkConsumerGroup(name))
    return { offsets: committed.map((o) => ({ partition: { kafka_topic: o.topic, kafka_partition: o.partition }, offset: { kafka_offset: o.offset } })) }
  }

  isIdle(idleMs: number): boolean {
    const now = this.#env.clock.now()
    // a task still in start() (UNASSIGNED until it runs) is not idle: it may yet fail, or begin to read
    return [...this.#connectors.values()].every((h) => h.tasks.every((t) => t.control.state === 'FAILED' ||
      (t.control.state !== 'UNASSIGNED' && !t.control.working && now - t.control.metrics.lastActivity >= idleMs)))
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
    this.#changed.next()
  }
}

/**
 * Creates an engine over a topic backend: `pipe run` runs one, a standalone `pipe worker` one per
 * connector, a distributed worker one for the parts the group assigned to it (`engine.assigned`).
 *
 * @example
 * ```ts
 * const engine = createEngine({ backend: createEmbeddedTopicBackend(), registry: defaultRegistry({ writer }) })
 * await engine.start(compiled.connectors)   // [{ name, config }], Kafka Connect's POST /connectors bodies
 * engine.status('orders-source')            // like GET /connectors/orders-source/status
 * engine.status$.subscribe(print)           // each connector's status, again whenever it changes
 * await engine.stop()                       // graceful: batches finish, offsets flushed
 * ```
 */
export function createEngine(options: EngineOptions): Engine {
  return new EngineImpl(options)
}
