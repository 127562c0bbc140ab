import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import type { RecordPart } from './smt-support.js'
import { partOf, requiredString, schemaOf, withPart } from './smt-support.js'

/** `HoistField$Key` / `$Value`: wraps the key or value in a one-field map (or struct when it has a schema). */
export function hoistField(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const field = requiredString(config, 'field')
    return {
      apply(record) {
        const value = partOf(record, part)
        const schema = schemaOf(record, part)
        const hoisted = { [field]: value }
        if (schema === null) return withPart(record, part, hoisted)
        return withPart(record, part, hoisted, { type: 'struct', optional: false, fields: [{ field, schema }] })
      },
    }
  }
}
