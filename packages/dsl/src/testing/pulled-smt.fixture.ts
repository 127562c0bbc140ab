// What `pipe plugins pull` writes for an SMT and a predicate plugin.
import {
  definePredicate, defineTransform, field, predicateRef, transformRef, type OpenOptions, type PluginPredicate, type TransformRef,
} from '../connectors/index.js'

export const extractNewRecordStateDefinition = defineTransform({
  class: 'io.debezium.transforms.ExtractNewRecordState',
  version: '2.7.3.Final',
  doc: 'Extracts the after state of Debezium change events.',
  fields: {
    'delete.handling.mode': field.enum(['drop', 'rewrite', 'none'], { doc: 'How deletes are handled.', optional: true }),
    'drop.tombstones': field.bool({ doc: 'Drop tombstones.', optional: true }),
    'add.fields': field.list({ doc: 'Fields to add.', optional: true }),
    'route.by.field': field.string({ doc: 'A required string, for the tests.' }),
  },
  unknownKeys: 'warn',
})

/** Options of {@link extractNewRecordState}. */
export type ExtractNewRecordStateOptions = OpenOptions<typeof extractNewRecordStateDefinition.fields>

/** Debezium's ExtractNewRecordState SMT. */
export function extractNewRecordState(options: ExtractNewRecordStateOptions): TransformRef {
  return transformRef(extractNewRecordStateDefinition, options)
}

export const hasHeaderDefinition = definePredicate({
  class: 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
  doc: 'A predicate which is true for records with at least one header with the configured name.',
  fields: { name: field.string({ doc: 'The header name.' }) },
  unknownKeys: 'warn',
})

/** Kafka Connect's HasHeaderKey predicate, as pulled. */
export function hasHeader(options: OpenOptions<typeof hasHeaderDefinition.fields>): PluginPredicate {
  return predicateRef(hasHeaderDefinition, options)
}
