import { isConnectMap } from '../records/connect-value.js'
import type { ConnectMap, ConnectValue } from '../records/connect-value.js'
import type { ConnectorConfig } from '../tasks/task-context.js'
import type { Transformation } from './transformation.js'
import type { RecordPart } from './smt-support.js'
import { partOf, requireMap, withPart } from './smt-support.js'

function flattenInto(map: ConnectMap, prefix: string, delimiter: string, out: Record<string, ConnectValue>): void {
  for (const [key, value] of Object.entries(map)) {
    const name = prefix === '' ? key : `${prefix}${delimiter}${key}`
    if (isConnectMap(value)) flattenInto(value, name, delimiter, out)
    else out[name] = value
  }
}

/** `Flatten$Key` / `$Value`, schemaless: nested maps become `parent<delimiter>child` keys (insertion order). */
export function flatten(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const delimiter = config['delimiter'] ?? '.'
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const out: Record<string, ConnectValue> = {}
        flattenInto(requireMap(current, 'flattening'), '', delimiter, out)
        return withPart(record, part, out)
      },
    }
  }
}
