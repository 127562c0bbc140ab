import { isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { PluginContext, StepFunction, Transformation } from '../tasks/transformation.js'
import { ConfigException, DataException, requiredString } from './smt-support.js'
import { restoreConnectTypes, toStepValue } from './step-values.js'

/** Checks what a user step returned: JSON-like data only (undefined becomes null). */
export function toConnectValue(value: unknown, where: string): ConnectValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value
  if (typeof value === 'number') return value
  if (value instanceof Uint8Array) return value
  if (value instanceof Date) return value.getTime()
  if (Array.isArray(value)) return value.map((v: unknown) => toConnectValue(v, where))
  if (typeof value === 'object' && isConnectMap(value as ConnectValue)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toConnectValue(v, where)]))
  }
  throw new DataException(`step ${where} returned a ${typeof value}, expected JSON-like data`)
}

function stepOf(config: ConnectorConfig, context: PluginContext): { fn: (value: unknown) => unknown; ref: string } {
  const ref = requiredString(config, 'ref')
  const found: StepFunction | undefined = context.steps.get(ref)
  if (found === undefined) throw new ConfigException(`no step function registered for ref '${ref}' (pass getStepFunctions(pipeline) to the runtime)`)
  // the dsl types steps by their record type; the runtime hands them record values
  return { fn: found as unknown as (value: unknown) => unknown, ref }
}

/** Calls a step with the plain value; `back` turns one of its results into a Connect value. */
function callStep(fn: (value: unknown) => unknown, ref: string, value: ConnectValue): { out: unknown; back: (v: unknown) => ConnectValue } {
  const plain = toStepValue(value)
  const out = fn(plain)
  // the same object back means the value held no float or long marker: nothing to restore
  return { out, back: plain === value ? (v) => toConnectValue(v, ref) : (v) => restoreConnectTypes(toConnectValue(v, ref), value) }
}

/** `pipe:map`: the value becomes `fn(value)`. */
export function mapStep(config: ConnectorConfig, context: PluginContext): Transformation {
  const { fn, ref } = stepOf(config, context)
  return {
    apply: (record) => {
      const { out, back } = callStep(fn, ref, record.value)
      return { ...record, value: back(out), valueSchema: null }
    },
  }
}

/** `pipe:filter`: keeps records whose value makes `fn` return truthy. */
export function filterStep(config: ConnectorConfig, context: PluginContext): Transformation {
  const { fn } = stepOf(config, context)
  return { apply: (record) => (fn(toStepValue(record.value)) ? record : null) }
}

/** `pipe:flat-map`: one record per element of `fn(value)` (an iterable). */
export function flatMapStep(config: ConnectorConfig, context: PluginContext): Transformation {
  const { fn, ref } = stepOf(config, context)
  const all = <R extends { readonly value: ConnectValue }>(record: R): R[] => {
    const { out, back } = callStep(fn, ref, record.value)
    if (typeof out !== 'object' || out === null || !(Symbol.iterator in out)) {
      throw new DataException(`flat-map step ${ref} must return an iterable`)
    }
    return Array.from(out as Iterable<unknown>, (v) => ({ ...record, value: back(v), valueSchema: null }))
  }
  return { apply: (record) => all(record)[0] ?? null, applyAll: all }
}
