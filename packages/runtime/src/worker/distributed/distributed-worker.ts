import type * as KafkaJs from 'kafkajs'
import type { Admin, Kafka, Producer } from 'kafkajs'
import { lazyModule } from '../../lazy-module.js'
import { auditTime, type Subscription } from 'rxjs'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import { workerTaskConfigs } from '../plugins.js'
import { systemClock } from '../../tasks/task-context.js'
import { kafkajsSecurity } from '../../topics/kafka-security.js'
import type { TopicBackend } from '../../topics/topic-backend.js'
import type { DistributedWorkerOptions } from './distributed-config.js'
import { shareOf } from './assignment.js'
import type { WorkerShare } from './assignment.js'
import { commitKey, commitValue, parseConfigRecord, propertiesValue, taskKey } from './config-records.js'
import type { ConnectorEntry, RestartRecord } from './config-view.js'
import { ConfigView } from './config-view.js'
import { OffsetsView, withFreshSourceOffsets } from './fresh-offsets-backend.js'
import { KafkaLog } from './kafka-log.js'
import { LocalWork } from './local-work.js'
import type { LocalState } from './local-work.js'
import type { WorkerSample } from '../herder.js'
import type { GroupView, Membership } from './membership.js'
import { joinWorkerGroup } from './membership.js'
import { connectorStatusKey, StatusView, taskStatusKey } from './status-records.js'
import { StatusPublisher } from './status-publisher.js'

const kafkajs = lazyModule<typeof KafkaJs>('kafkajs')

const sameConfigs = (a: readonly ConnectorConfig[], b: readonly ConnectorConfig[]): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * A worker of a distributed group: follows the config, status and offsets topics, takes part in
 * the group, and runs its share of connectors and tasks, reconciling whenever the config or the
 * group changes. Writes go straight to the config topic (one partition: one order for everyone).
 */
export class DistributedWorker {
  readonly config = new ConfigView()
  readonly statuses = new StatusView()
  readonly backend: TopicBackend
  readonly workerId: string
  readonly #options: DistributedWorkerOptions
  readonly #kafka: Kafka
  readonly #admin: Admin
  readonly #producer: Producer
  readonly #configLog: KafkaLog
  readonly #statusLog: KafkaLog
  readonly #offsetsLog: KafkaLog
  readonly #work: LocalWork
  readonly #publisher: StatusPublisher
  readonly #writtenTasks = new Map<string, string>()
  #restarts: RestartRecord[] = []
  #group: GroupView | undefined
  #rebalances = { leaderName: '', epoch: 0, completed: 0, at: 0, rebalancing: false, totalMs: 0, maxMs: 0 }
  #membership: Membership | undefined
  #started = false
  #closing = false
  #dirty = false
  #running: Promise<void> | undefined
  #statusChanges: Subscription | undefined
  #maxGeneration = 0
  #startup: Promise<void> | undefined

  constructor(options: DistributedWorkerOptions) {
    this.#options = options
    this.workerId = options.workerId
    const { Kafka, logLevel, Partitioners } = kafkajs()
    this.#kafka = new Kafka({
      clientId: `pipe-worker-${options.groupId}`,
      brokers: options.bootstrapServers.split(',').map((b) => b.trim()),
      ...kafkajsSecurity(options.security),
      // kafkajs logs retried errors too; failures that matter surface as errors of the calls
      logLevel: logLevel.NOTHING,
    })
    this.#admin = this.#kafka.admin()
    this.#producer = this.#kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1, idempotent: true })
    const base = { kafka: this.#kafka, admin: this.#admin, producer: this.#producer }
    const factors = options.replicationFactors ?? {}
    this.#configLog = new KafkaLog({ ...base, topic: options.configTopic, partitions: 1, replicationFactor: factors.config ?? -1, onRecord: (r) => { this.#onConfig(r.key, r.value) } })
    this.#statusLog = new KafkaLog({ ...base, topic: options.statusTopic, partitions: 5, replicationFactor: factors.status ?? -1, onRecord: (r) => { this.#onStatus(r.key, r.value) } })
    const offsets = new OffsetsView()
    this.#offsetsLog = new KafkaLog({ ...base, topic: options.offsetsTopic, partitions: 25, replicationFactor: factors.offsets ?? -1, onRecord: (r) => { offsets.apply(r) } })
    this.backend = withFreshSourceOffsets(options.backend, this.#offsetsLog, offsets)
    this.#work = new LocalWork({ backend: this.backend, registry: options.registry, env: options.env, clock: options.clock ?? systemClock, log: options.log })
    this.#publisher = new StatusPublisher(this.#statusLog, this.workerId, this.#work, options.pluginVersion ?? '0.1.0')
  }

  #onConfig(key: string, value: Buffer | null): void {
    const record = parseConfigRecord(key, value)
    // a commit read back ends the wait for the task configs this worker wrote
    if (record.kind === 'commit') this.#writtenTasks.delete(record.name)
    const restart = this.config.apply(record)
    // restart requests already in the topic at startup were for workers before us
    if (restart !== undefined && this.#started) this.#restarts.push(restart)
    if (this.#started) this.schedule()
  }

  #onStatus(key: string, value: Buffer | null): void {
    this.statuses.apply(key, value)
    if (value === null) return
    const generation = this.statuses.generationOf(key)
    if (generation !== undefined) this.#maxGeneration = Math.max(this.#maxGeneration, generation)
  }

  /** Reads the internal topics (creating them when missing), then joins the group. */
  start(): Promise<void> {
    this.#startup ??= this.#start()
    return this.#startup
  }

  async #start(): Promise<void> {
    await this.#admin.connect()
    await this.#producer.connect()
    await Promise.all([this.#configLog.start(), this.#statusLog.start(), this.#offsetsLog.start()])
    this.#started = true
    this.#membership = await joinWorkerGroup({
      kafka: this.#kafka, groupId: this.#options.groupId, topic: this.#options.configTopic, url: this.workerId,
      sessionTimeoutMs: this.#options.sessionTimeoutMs ?? 10_000, heartbeatIntervalMs: this.#options.heartbeatIntervalMs ?? 1_000,
      initialGeneration: this.#maxGeneration,
      log: this.#options.log,
      onRebalancing: () => { this.#rebalances = { ...this.#rebalances, rebalancing: true } },
      onAssignment: (view) => {
        this.#group = view
        const r = this.#rebalances
        this.#rebalances = {
          leaderName: view.leaderUrl, epoch: view.generation, completed: r.completed + 1, at: Date.now(), rebalancing: false,
          totalMs: r.totalMs + view.rebalanceMs, maxMs: Math.max(r.maxMs, view.rebalanceMs),
        }
        const leader = view.members[0]?.url === this.workerId ? ' (leader)' : ''
        this.#options.log(`joined group ${this.#options.groupId} generation ${String(view.generation)}${leader}: ${view.members.map((m) => m.url).join(', ')}`)
        this.schedule()
      },
    })
    // a task's state or trace changed (the engine's status stream): publish it, a burst of changes at once
    this.#statusChanges = this.#work.changes$.pipe(auditTime(100)).subscribe(() => { this.#publish().catch(() => undefined) })
  }

  /** This worker's figures: its local work, and the group's rebalances as seen here. */
  async sample(): Promise<WorkerSample> {
    const local = await this.#work.sample()
    const r = this.#rebalances
    const rebalance = { leaderName: r.leaderName, epoch: r.epoch, completedRebalances: r.completed, rebalancing: r.rebalancing, lastRebalanceAt: r.at, rebalanceTimeMsTotal: r.totalMs, rebalanceTimeMsMax: r.maxMs }
    return { ...local, rebalance }
  }

  get group(): GroupView | undefined {
    return this.#group
  }

  /** Writes config records, then reads the config topic up to them. */
  async writeConfig(records: readonly { readonly key: string; readonly value: unknown }[]): Promise<void> {
    await this.start()
    await this.#configLog.send(records)
    await this.#configLog.readToEnd()
  }

  /** Reads the config topic to its end (requests that come in while the worker starts wait for it). */
  async readConfig(): Promise<void> {
    await this.start()
    await this.#configLog.readToEnd()
  }

  async readStatuses(): Promise<void> {
    await this.start()
    await this.#statusLog.readToEnd()
  }

  /** This worker's live state of a task it runs (fresher than the status topic). */
  localTask(connector: string, task: number): LocalState | undefined {
    return this.#work.taskState(connector, task)
  }

  /** This worker's live state of a connector it runs. */
  localConnector(name: string): LocalState | undefined {
    return this.#work.connectorState(name)
  }

  /** Restarts a task this worker runs; false when it runs elsewhere. */
  restartLocalTask(connector: string, task: number): boolean {
    if (this.#work.taskState(connector, task) === undefined) return false
    this.#restarts.push({ name: connector, includeTasks: true, onlyFailed: false, task })
    this.schedule()
    return true
  }

  /** Runs a reconciliation soon (one at a time; requests meanwhile fold into one more run). */
  schedule(): void {
    this.#dirty = true
    if (this.#running !== undefined || this.#closing) return
    // deferred: the other records of the same batch (a stop's target state and commit) apply first
    this.#running = new Promise((resolve) => setImmediate(resolve)).then(async () => {
      while (this.#dirty && !this.#closing) {
        this.#dirty = false
        try {
          await this.#reconcile()
        } catch (error) {
          this.#options.log(`WARN reconciling connectors failed: ${error instanceof Error ? error.message : String(error)}`)
          await new Promise((r) => setTimeout(r, 1000))
          this.#dirty = true
        }
      }
      this.#running = undefined
    })
  }

  #share(): WorkerShare {
    const group = this.#group
    if (group === undefined) return { connectors: [], tasks: [] }
    const counts = new Map(this.config.entries().map((e) => [e.name, e.tasks.length]))
    return shareOf(group.memberId, group.members.map((m) => m.id), counts)
  }

  async #reconcile(): Promise<void> {
    const share = this.#share()
    const restarts = this.#restarts
    this.#restarts = []
    const owned = new Set(share.connectors)
    for (const name of this.#work.connectorNames()) if (!owned.has(name)) this.#dropConnector(name)
    for (const name of share.connectors) {
      const entry = this.config.get(name)
      if (entry === undefined) continue
      const failed = this.#work.connectorState(name)?.state === 'FAILED'
      const restart = restarts.some((r) => r.name === name && r.task === undefined && (!r.onlyFailed || failed))
      const running = this.#work.runConnector(name, entry.config, entry.target, restart)
      if (restart) {
        // Kafka Connect reports a restarted connector UNASSIGNED before it runs again; written now (the
        // connector is UNASSIGNED from the call above on), not left to the status audit, which a restart
        // quicker than its 100 ms never showed
        running.catch(() => undefined)
        await this.#publish()
      }
      await running
      if (entry.target !== 'STOPPED' && this.#work.connectorState(name)?.state !== 'FAILED') await this.#writeTaskConfigs(entry)
    }
    const wanted = new Set(share.tasks.map((t) => `${t.connector}\u0000${String(t.task)}`))
    const lost = this.#work.tasks().filter((t) => !wanted.has(`${t.connector}\u0000${String(t.task)}`))
    await Promise.all(lost.map(async (t) => {
      await this.#work.stopTask(t.connector, t.task)
      // a task that no longer exists (connector deleted or stopped, fewer tasks) loses its status, as in Kafka Connect
      this.#publisher.forget(taskStatusKey(t.connector, t.task), t.task >= (this.config.get(t.connector)?.tasks.length ?? 0))
    }))
    const before = new Set(this.#work.tasks().map((t) => `${t.connector}-${String(t.task)}`))
    for (const t of share.tasks) {
      const entry = this.config.get(t.connector)
      const taskConfig = entry?.tasks[t.task]
      if (entry === undefined || taskConfig === undefined) continue
      const failed = this.#work.taskState(t.connector, t.task)?.state === 'FAILED'
      const restart = restarts.some((r) => r.name === t.connector && (r.task === undefined ? r.includeTasks && (!r.onlyFailed || failed) : r.task === t.task))
      if (restart || this.#work.taskState(t.connector, t.task) === undefined) this.#publisher.republish(taskStatusKey(t.connector, t.task))
      await this.#work.runTask(t.connector, entry.config, taskConfig, t.task, entry.tasks.length, entry.target, restart)
      if (restart) this.#options.log(`task ${t.connector}-${String(t.task)} restarted`)
    }
    const gained = this.#work.tasks().map((t) => `${t.connector}-${String(t.task)}`).filter((t) => !before.has(t))
    if (lost.length > 0 || gained.length > 0) {
      this.#options.log(`tasks started: ${gained.join(', ') || 'none'}; stopped: ${lost.map((t) => `${t.connector}-${String(t.task)}`).join(', ') || 'none'}`)
    }
    await this.#publish()
  }

  #dropConnector(name: string): void {
    this.#work.dropConnector(name)
    this.#publisher.forget(connectorStatusKey(name), this.config.get(name) === undefined)
  }

  /** The owner of a connector writes its task configs and their commit when they changed, as Kafka Connect's leader. */
  async #writeTaskConfigs(entry: ConnectorEntry): Promise<void> {
    if (this.#options.registry.connector(entry.config['connector.class'] ?? '') === undefined) return
    const max = Number(entry.config['tasks.max'] ?? '1')
    const configs = workerTaskConfigs(this.#options.registry, { ...entry.config, name: entry.name }, Number.isInteger(max) && max > 0 ? max : 1)
    if (sameConfigs(configs, entry.tasks)) return
    // written already, and not read back yet: do not write the same again
    const attempt = JSON.stringify(configs)
    if (this.#writtenTasks.get(entry.name) === attempt) return
    this.#writtenTasks.set(entry.name, attempt)
    const records = configs.map((c, i) => ({ key: taskKey(entry.name, i), value: propertiesValue(c) }))
    await this.#configLog.send([...records, { key: commitKey(entry.name), value: commitValue(configs.length) }]).catch((error: unknown) => {
      this.#writtenTasks.delete(entry.name)
      throw error
    })
  }

  /** Writes the status of every local connector and task that changed since last written. */
  #publish(): Promise<void> {
    return this.#publisher.publish(this.#group?.generation ?? 0)
  }

  /** Stops local tasks (offsets flushed), reports them UNASSIGNED, leaves the group, closes the topics. */
  async close(): Promise<void> {
    this.#closing = true
    this.#statusChanges?.unsubscribe()
    await this.#running
    const records = this.#publisher.unassigned(this.#group?.generation ?? 0)
    await this.#work.stopAll()
    await this.#statusLog.send(records).catch(() => undefined)
    this.#options.log(`tasks stopped; leaving group ${this.#options.groupId}`)
    await this.#membership?.leave()
    await Promise.all([this.#configLog.close(), this.#statusLog.close(), this.#offsetsLog.close()])
    await this.#producer.disconnect()
    await this.#admin.disconnect()
  }
}
