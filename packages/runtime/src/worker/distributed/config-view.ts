import type { ConnectorConfig, TargetState } from '@pipe/dsl/contract'
import type { ConfigRecord } from './config-records.js'

/** A connector as the config topic describes it. */
export interface ConnectorEntry {
  readonly name: string
  readonly config: ConnectorConfig
  readonly target: TargetState
  /** The committed task configs (`task-<c>-<n>` records up to the last `commit-<c>`). */
  readonly tasks: readonly ConnectorConfig[]
}

/** A `restart-connector-<c>` request. */
export interface RestartRecord {
  readonly name: string
  readonly includeTasks: boolean
  readonly onlyFailed: boolean
  /** One task only (a local `POST /connectors/{c}/tasks/{n}/restart`), never from the topic. */
  readonly task?: number
}

/**
 * Every worker's view of the config topic, as Kafka Connect's `ClusterConfigState`: task configs
 * count only once their `commit-<c>` record arrives; a connector tombstone forgets it all.
 */
export class ConfigView {
  readonly #configs = new Map<string, ConnectorConfig>()
  readonly #targets = new Map<string, TargetState>()
  readonly #committed = new Map<string, readonly ConnectorConfig[]>()
  readonly #pending = new Map<string, Map<number, ConnectorConfig>>()
  /** Increases with every change that can alter what runs where. */
  version = 0

  /** Applies one record; returns a restart request when the record is one. */
  apply(record: ConfigRecord): RestartRecord | undefined {
    switch (record.kind) {
      case 'connector':
        if (record.config === null) {
          this.#configs.delete(record.name)
          this.#targets.delete(record.name)
          this.#committed.delete(record.name)
          this.#pending.delete(record.name)
        } else {
          this.#configs.set(record.name, record.config)
        }
        break
      case 'task': {
        const pending = this.#pending.get(record.name) ?? new Map<number, ConnectorConfig>()
        if (record.config === null) pending.delete(record.task)
        else pending.set(record.task, record.config)
        this.#pending.set(record.name, pending)
        return undefined
      }
      case 'commit': {
        const pending = this.#pending.get(record.name) ?? new Map<number, ConnectorConfig>()
        const previous = this.#committed.get(record.name) ?? []
        this.#committed.set(record.name, Array.from({ length: record.tasks }, (_, i) => pending.get(i) ?? previous[i] ?? {}))
        this.#pending.delete(record.name)
        break
      }
      case 'target':
        if (record.state === null) this.#targets.delete(record.name)
        else this.#targets.set(record.name, record.state)
        break
      case 'restart':
        return { name: record.name, includeTasks: record.includeTasks, onlyFailed: record.onlyFailed }
      case 'other':
        return undefined
    }
    this.version++
    return undefined
  }

  names(): readonly string[] {
    return [...this.#configs.keys()].sort()
  }

  get(name: string): ConnectorEntry | undefined {
    const config = this.#configs.get(name)
    if (config === undefined) return undefined
    return { name, config, target: this.#targets.get(name) ?? 'RUNNING', tasks: this.#committed.get(name) ?? [] }
  }

  entries(): readonly ConnectorEntry[] {
    return this.names().flatMap((n) => {
      const e = this.get(n)
      return e === undefined ? [] : [e]
    })
  }
}
