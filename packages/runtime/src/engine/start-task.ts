import { RuntimeError } from '../errors.js'
import type { ConnectRecord } from '../records/connect-record.js'
import type { ConnectorRegistry } from '../tasks/connector-registry.js'
import type { Clock } from '../tasks/task-context.js'
import { taskClientIds, type TaskClientIds, type TopicBackend } from '../topics/topic-backend.js'
import type { StepFunction } from '../tasks/transformation.js'
import { buildTransformChain } from '../transforms/transform-chain.js'
import type { EnvSource } from './config-providers.js'
import type { ConnectorHandle, TaskHandle } from './connector-handle.js'
import { awaitRoom } from './backpressure.js'
import { errorPolicyOf } from './error-policy.js'
import { createRecordCodec } from './record-codec.js'
import { runSinkTask } from './sink-runner.js'
import { runSourceTask } from './source-runner.js'
import { TaskControl } from './task-control.js'
import { sinkConsumerGroup, type ConnectorConfig } from '@pipe/dsl/contract'

/** Engine-wide dependencies a task needs. */
export interface TaskEnvironment {
  readonly backend: TopicBackend
  readonly registry: ConnectorRegistry
  readonly steps: ReadonlyMap<string, StepFunction>
  readonly clock: Clock
  readonly idleWaitMs: number
  /** Where `${env:VAR}` placeholders are read. @default process.env */
  readonly configEnv?: EnvSource
  /** Called whenever a task's state changes (the engine's status stream). */
  readonly onChange?: () => void
}

function sinkTopics(config: ConnectorConfig): string[] {
  const topics = (config['topics'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')
  if (topics.length === 0) {
    throw new RuntimeError('PIPE_INVALID_CONFIG', config['topics.regex'] === undefined ? "sink connector needs 'topics'" : "'topics.regex' is not supported by the pipe runtime yet: list the topics in 'topics'")
  }
  return topics
}

/** A task that never ran: FAILED with `error` (e.g. a config-provider placeholder that cannot be resolved). */
export function failedTask(env: TaskEnvironment, handle: ConnectorHandle, error: unknown, id: number, secrets: readonly string[] = []): TaskHandle {
  const control = new TaskControl(id, env.clock, errorPolicyOf(handle.config))
  control.fail(error)
  control.state$.subscribe(() => env.onChange?.())
  return { control, done: Promise.resolve(), secrets: [...handle.secrets, ...secrets] }
}

/**
 * Creates and starts task `id` of a connector with its task config; returns at once. Both configs
 * come resolved (config-provider placeholders, once, by the engine); their resolved values
 * (`handle.secrets`, `taskSecrets`) are scrubbed from the task's status. A connector whose
 * placeholders could not be resolved fails the task with a message naming the variable.
 */
export function startTask(env: TaskEnvironment, handle: ConnectorHandle, taskConfig: ConnectorConfig, id: number, count: number, taskSecrets: readonly string[] = []): TaskHandle {
  if (handle.unresolved !== undefined) return failedTask(env, handle, handle.unresolved, id, taskSecrets)
  const started = startResolvedTask(env, handle, taskConfig, id, count)
  started.control.state$.subscribe(() => env.onChange?.())
  return { ...started, secrets: [...handle.secrets, ...taskSecrets] }
}

/** The backend as a task's own clients see it (Kafka Connect's client ids), and how to close them when the task ends. */
function clientsOf(backend: TopicBackend, ids: TaskClientIds): { readonly backend: TopicBackend; readonly close: () => Promise<void> } {
  const view = backend.forTask?.(ids)
  return view === undefined ? { backend, close: () => Promise.resolve() } : { backend: view, close: () => view.close().catch(() => undefined) }
}

function startResolvedTask(env: TaskEnvironment, handle: ConnectorHandle, taskConfig: ConnectorConfig, id: number, count: number): TaskHandle {
  const control = new TaskControl(id, env.clock, errorPolicyOf(handle.config))
  const chain = buildTransformChain(handle.config, env.registry, { connectorType: handle.plugin.type, steps: env.steps })
  const codec = createRecordCodec(handle.config)
  const base = { connectorName: handle.name, taskId: id, config: taskConfig, clock: env.clock, signal: control.signal }
  const ids = taskClientIds(handle.name, id)
  if (handle.plugin.type === 'source') {
    const task = handle.plugin.createTask()
    const offsets = { offset: (p: Readonly<Record<string, string | number | boolean | null>>) => env.backend.readSourceOffset(handle.name, p) }
    const clients = clientsOf(env.backend, { producer: ids.producer })
    const deps = { connector: handle.name, config: handle.config, task, control, backend: clients.backend, chain, codec, idleWaitMs: env.idleWaitMs }
    return { control, done: runSourceTask(deps, () => task.start({ ...base, offsets })).finally(clients.close), problem: () => control.throttled ?? task.problem?.() }
  }
  const task = handle.plugin.createTask()
  const topics = sinkTopics(handle.config)
  // dead letters go through the DLQ producer; a sink's own output (topic-to-topic) through the task's producer
  const clients = clientsOf(env.backend, { producer: ids.dlqProducer, consumer: ids.consumer })
  const outputClients = clientsOf(env.backend, { producer: ids.producer })
  const consumer = () => clients.backend.consumer({ group: sinkConsumerGroup(handle.name), topics, member: { index: id, count } })
  const flushIntervalMs = Number(handle.config['offset.flush.interval.ms'] ?? '1000')
  const batchSize = Number(handle.config['consumer.override.max.poll.records'] ?? '2000')
  const deps = { connector: handle.name, task, control, backend: clients.backend, consumer, chain, codec, batchSize, flushIntervalMs }
  const output = {
    send: async (records: readonly ConnectRecord[]) => {
      const messages = records.map((r) => codec.encode(r))
      await awaitRoom(control, outputClients.backend, messages)
      await outputClients.backend.produce(messages)
    },
  }
  const done = runSinkTask(deps, (checkpoint) => task.start({ ...base, checkpoint, output })).finally(async () => {
    await Promise.all([clients.close(), outputClients.close()])
  })
  return { control, done, problem: () => control.throttled ?? task.problem?.() }
}
