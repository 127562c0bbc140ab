import { isConnectMap } from '../records/connect-value.js'
import type { ConnectMap, ConnectValue } from '../records/connect-value.js'
import { ownValue, setOwn } from '../records/own-property.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { Transformation } from '../tasks/transformation.js'
import type { RecordPart } from './smt-support.js'
import type { ConnectField, ConnectSchema } from '../records/connect-schema.js'
import { partOf, requireMap, requireStruct, schemaOf, structSchema, withPart } from './smt-support.js'

function flattenInto(map: ConnectMap, prefix: string, delimiter: string, out: Record<string, ConnectValue>): void {
  for (const [key, value] of Object.entries(map)) {
    const name = prefix === '' ? key : `${prefix}${delimiter}${key}`
    if (isConnectMap(value)) flattenInto(value, name, delimiter, out)
    else setOwn(out, name, value)
  }
}

/** Flattens a struct: nested struct fields become `parent<delimiter>child` fields, optional when any parent is. */
function flattenStruct(schema: ConnectSchema, value: ConnectMap | null, prefix: string, delimiter: string, optional: boolean, out: { fields: ConnectField[]; values: Record<string, ConnectValue> }): void {
  for (const field of schema.fields ?? []) {
    const name = prefix === '' ? field.field : `${prefix}${delimiter}${field.field}`
    const fieldOptional = optional || field.schema.optional
    const inner = value === null ? null : (ownValue(value, field.field) ?? null)
    if (field.schema.type === 'struct') {
      flattenStruct(field.schema, isConnectMap(inner) ? inner : null, name, delimiter, fieldOptional, out)
      continue
    }
    out.fields.push({ field: name, schema: { ...field.schema, optional: fieldOptional } })
    if (value !== null) setOwn(out.values, name, inner)
  }
}

/** `Flatten$Key` / `$Value`: nested maps (insertion order) or structs (schema order) become `parent<delimiter>child` fields. */
export function flatten(part: RecordPart) {
  return (config: ConnectorConfig): Transformation => {
    const delimiter = config['delimiter'] ?? '.'
    return {
      apply(record) {
        const current = partOf(record, part)
        if (current === null) return record
        const schema = schemaOf(record, part)
        if (schema !== null) {
          const struct = requireStruct(current, schema, 'flattening')
          const flat = { fields: [] as ConnectField[], values: {} as Record<string, ConnectValue> }
          flattenStruct(struct.schema, struct.value, '', delimiter, schema.optional, flat)
          const value = Object.fromEntries(flat.fields.map((f) => [f.field, flat.values[f.field] ?? null]))
          return withPart(record, part, value, structSchema(schema, flat.fields))
        }
        const out: Record<string, ConnectValue> = {}
        flattenInto(requireMap(current, 'flattening'), '', delimiter, out)
        return withPart(record, part, out)
      },
    }
  }
}
