import { isConnectMap } from '../records/connect-value.js'
import type { ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import type { RecordPart } from './smt-support.js'
import { ConfigException, DataException, javaClassName, partOf, requiredString, schemaOf, withPart } from './smt-support.js'
import { ownValue } from '../records/own-property.js'

/** Splits a V2 field path: dots separate steps, backticks quote a step that contains dots. */
export function fieldPath(path: string, version: string): readonly string[] {
  if (version.toUpperCase() === 'V1') return [path]
  if (version.toUpperCase() !== 'V2') throw new ConfigException(`Invalid value ${version} for configuration field.syntax.version`)
  const steps: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < path.length; i++) {
    const c = path[i]
    if (c === '`' && (quoted ? path[i + 1] === '.' || i + 1 === path.length : current === '')) quoted = !quoted
    else if (c === '.' && !quoted) {
      steps.push(current)
      current = ''
    } else current += c ?? ''
  }
  steps.push(current)
  return steps
}

function valueAt(map: ConnectValue, steps: readonly string[]): ConnectValue {
  let current: ConnectValue = map
  for (const step of steps) {
    if (!isConnectMap(current)) return null
    current = ownValue(current, step) ?? null
  }
  return current
}

/** `ExtractField$Key` / `$Value`: replaces the key or value with one of its fields; nulls pass through. */
export function extractField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const steps = fieldPath(requiredString(config, 'field'), config['field.syntax.version'] ?? 'V1')
    return {
      apply(record) {
        const current = partOf(record, part)
        const schema = schemaOf(record, part)
        if (current !== null && !isConnectMap(current)) {
          const kind = schema === null ? 'Map' : 'Struct'
          throw new DataException(`Only ${kind} objects supported for [field extraction], found: ${javaClassName(current)}`)
        }
        const fieldSchema = schema?.fields?.find((f) => f.field === steps[0])?.schema ?? null
        if (schema !== null && steps.length === 1 && fieldSchema === null) throw new Error(`Unknown field: ${steps.join('.')}`)
        return withPart(record, part, current === null ? null : valueAt(current, steps), steps.length === 1 ? fieldSchema : null)
      },
    }
  }
}
