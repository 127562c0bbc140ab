import type { KafkaLog } from './kafka-log.js'
import type { LocalState, LocalWork } from './local-work.js'
import { connectorStatusKey, taskStatusKey } from './status-records.js'

type StatusRecord = { readonly key: string; readonly value: unknown }

/**
 * A status record's value as Kafka Connect writes it; `version` (Kafka Connect 4.1, KIP-891) is the plugin's
 * version once it was started, null for UNASSIGNED (Kafka Connect 3.x readers ignore the field).
 */
const statusJson = (s: LocalState, workerId: string, generation: number, version: string): { state: string; trace: string | null; worker_id: string; generation: number; version: string | null } =>
  ({ state: s.state, trace: s.trace, worker_id: workerId, generation, version: s.state === 'UNASSIGNED' ? null : version })

/**
 * Writes the statuses of a worker's local connectors and tasks to the status topic, each only when
 * it changed since this worker last wrote it.
 */
export class StatusPublisher {
  readonly #log: KafkaLog
  readonly #workerId: string
  readonly #work: LocalWork
  readonly #version: string
  // key -> `state|trace` last written
  readonly #published = new Map<string, string>()

  constructor(log: KafkaLog, workerId: string, work: LocalWork, version: string) {
    this.#log = log
    this.#workerId = workerId
    this.#work = work
    this.#version = version
  }

  /** Writes the status of every local connector and task that changed since last written. */
  async publish(generation: number): Promise<void> {
    const records: StatusRecord[] = []
    const add = (key: string, state: LocalState | undefined): void => {
      if (state === undefined) return
      const value = statusJson(state, this.#workerId, generation, this.#version)
      const text = `${value.state}|${value.trace ?? ''}`
      if (this.#published.get(key) === text) return
      this.#published.set(key, text)
      records.push({ key, value })
    }
    for (const name of this.#work.connectorNames()) add(connectorStatusKey(name), this.#work.connectorState(name))
    for (const t of this.#work.tasks()) add(taskStatusKey(t.connector, t.task), this.#work.taskState(t.connector, t.task))
    await this.#log.send(records)
  }

  /** Writes this status again at the next publish (a task restarted or started anew). */
  republish(key: string): void {
    this.#published.delete(key)
  }

  /** Forgets a status this worker published; a deleted connector's statuses become tombstones. */
  forget(key: string, deleted: boolean): void {
    const had = this.#published.delete(key)
    if (deleted && had) this.#log.send([{ key, value: null }]).catch(() => undefined)
  }

  /** UNASSIGNED for every local connector and task (read before they stop; written once they stopped). */
  unassigned(generation: number): readonly StatusRecord[] {
    const unassigned = { state: 'UNASSIGNED' as const, trace: null }
    return [
      ...this.#work.connectorNames().map((n) => ({ key: connectorStatusKey(n), value: statusJson(unassigned, this.#workerId, generation, this.#version) })),
      ...this.#work.tasks().map((t) => ({ key: taskStatusKey(t.connector, t.task), value: statusJson(unassigned, this.#workerId, generation, this.#version) })),
    ]
  }
}
