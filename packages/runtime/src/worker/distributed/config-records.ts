import type { ConnectorConfig, TargetState } from '@pipe/dsl/contract'
import { setOwn } from '../../records/own-property.js'

/**
 * One record of the config topic, in Kafka Connect's format (`KafkaConfigBackingStore`): keys are
 * UTF-8 strings, values schemaless JSON written compactly, `null` a tombstone.
 */
export type ConfigRecord =
  | { readonly kind: 'connector'; readonly name: string; readonly config: ConnectorConfig | null }
  | { readonly kind: 'task'; readonly name: string; readonly task: number; readonly config: ConnectorConfig | null }
  | { readonly kind: 'commit'; readonly name: string; readonly tasks: number }
  | { readonly kind: 'target'; readonly name: string; readonly state: TargetState | null }
  | { readonly kind: 'restart'; readonly name: string; readonly includeTasks: boolean; readonly onlyFailed: boolean }
  | { readonly kind: 'other'; readonly key: string }

export const connectorKey = (name: string): string => `connector-${name}`
export const taskKey = (name: string, task: number): string => `task-${name}-${String(task)}`
export const commitKey = (name: string): string => `commit-${name}`
export const targetStateKey = (name: string): string => `target-state-${name}`
export const restartKey = (name: string): string => `restart-connector-${name}`

/** `{"properties":{...}}`, the value of `connector-<c>` and `task-<c>-<n>`. */
export const propertiesValue = (config: ConnectorConfig): { properties: ConnectorConfig } => ({ properties: config })

/** `{"tasks":n}`, the value of `commit-<c>`. */
export const commitValue = (tasks: number): { tasks: number } => ({ tasks })

/** `target-state-<c>`: `state` for workers before 3.5 (STOPPED written as PAUSED), `state.v2` with STOPPED. */
export function targetStateValue(state: TargetState): { state: string; 'state.v2': string } {
  const v2 = state === 'RUNNING' ? 'STARTED' : state
  return { state: v2 === 'STOPPED' ? 'PAUSED' : v2, 'state.v2': v2 }
}

/** `restart-connector-<c>` (KIP-745). */
export const restartValue = (includeTasks: boolean, onlyFailed: boolean): { 'include-tasks': boolean; 'only-failed': boolean } => ({ 'include-tasks': includeTasks, 'only-failed': onlyFailed })

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function stringMap(v: unknown): ConnectorConfig | undefined {
  if (!isObject(v)) return undefined
  const out: Record<string, string> = {}
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') setOwn(out, k, x)
  return out
}

function parseValue(value: Buffer | null): unknown {
  if (value === null) return null
  try {
    return JSON.parse(value.toString('utf8'))
  } catch {
    return undefined
  }
}

function targetOf(value: unknown): TargetState | null | undefined {
  if (value === null) return null
  if (!isObject(value)) return undefined
  const raw = value['state.v2'] ?? value['state']
  if (raw === 'STARTED') return 'RUNNING'
  return raw === 'PAUSED' || raw === 'STOPPED' ? raw : undefined
}

/** Reads a config topic record; keys pipe does not use (session keys, fencing, loggers) are `other`. */
export function parseConfigRecord(key: string, value: Buffer | null): ConfigRecord {
  const json = parseValue(value)
  const other = { kind: 'other', key } as const
  if (key.startsWith('connector-')) {
    const config = json === null ? null : isObject(json) ? stringMap(json['properties']) : undefined
    return config === undefined ? other : { kind: 'connector', name: key.slice('connector-'.length), config }
  }
  if (key.startsWith('task-')) {
    const id = key.slice('task-'.length)
    const dash = id.lastIndexOf('-')
    const task = Number(id.slice(dash + 1))
    const config = json === null ? null : isObject(json) ? stringMap(json['properties']) : undefined
    if (dash <= 0 || !Number.isInteger(task) || config === undefined) return other
    return { kind: 'task', name: id.slice(0, dash), task, config }
  }
  if (key.startsWith('commit-')) {
    const tasks = isObject(json) ? json['tasks'] : undefined
    return typeof tasks === 'number' ? { kind: 'commit', name: key.slice('commit-'.length), tasks } : other
  }
  if (key.startsWith('target-state-')) {
    const state = targetOf(json)
    return state === undefined ? other : { kind: 'target', name: key.slice('target-state-'.length), state }
  }
  if (key.startsWith('restart-connector-') && isObject(json)) {
    return { kind: 'restart', name: key.slice('restart-connector-'.length), includeTasks: json['include-tasks'] === true, onlyFailed: json['only-failed'] === true }
  }
  return other
}
