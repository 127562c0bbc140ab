import type { ConnectState } from '@pipe/dsl/contract'
import { CONNECT_STATES } from '@pipe/dsl/contract'

/** A status as the status topic stores it (`KafkaStatusBackingStore`). */
export interface StatusValue {
  readonly state: ConnectState
  readonly trace: string | null
  readonly worker_id: string
  readonly generation: number
}

export const connectorStatusKey = (name: string): string => `status-connector-${name}`
export const taskStatusKey = (name: string, task: number): string => `status-task-${name}-${String(task)}`

const isState = (v: unknown): v is ConnectState => typeof v === 'string' && (CONNECT_STATES as readonly string[]).includes(v)

function parseStatus(value: Buffer): StatusValue | undefined {
  try {
    const json: unknown = JSON.parse(value.toString('utf8'))
    if (typeof json !== 'object' || json === null) return undefined
    const { state, trace, worker_id: workerId, generation } = json as Record<string, unknown> // cast: fields checked one by one below
    if (!isState(state) || typeof workerId !== 'string') return undefined
    return { state, trace: typeof trace === 'string' ? trace : null, worker_id: workerId, generation: typeof generation === 'number' ? generation : 0 }
  } catch {
    return undefined
  }
}

/**
 * Every worker's view of the status topic: the last status of each connector and task. Like
 * Kafka Connect, a status from another worker with an older generation does not replace the one
 * held (a revoked worker reporting late must not hide the new owner's state).
 */
export class StatusView {
  readonly #statuses = new Map<string, StatusValue>()

  apply(key: string, value: Buffer | null): void {
    if (!key.startsWith('status-connector-') && !key.startsWith('status-task-')) return
    if (value === null) {
      this.#statuses.delete(key)
      return
    }
    const status = parseStatus(value)
    if (status === undefined) return
    const held = this.#statuses.get(key)
    if (held !== undefined && held.worker_id !== status.worker_id && held.generation > status.generation) return
    this.#statuses.set(key, status)
  }

  generationOf(key: string): number | undefined {
    return this.#statuses.get(key)?.generation
  }

  connector(name: string): StatusValue | undefined {
    return this.#statuses.get(connectorStatusKey(name))
  }

  task(name: string, task: number): StatusValue | undefined {
    return this.#statuses.get(taskStatusKey(name, task))
  }
}
