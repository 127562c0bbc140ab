import type { RecordFormat } from '../../ir/nodes.js'

import { CONVERTER_CLASSES } from '../../contract/class-names.js'

const JSON_CONVERTER = CONVERTER_CLASSES.json
const STRING_CONVERTER = CONVERTER_CLASSES.string

/**
 * Explicit key and value converter keys of a record format:
 * `string` → StringConverter; `json` → JsonConverter, `schemas.enable=false`;
 * `json-schema` → JsonConverter, `schemas.enable=true` (needed by e.g. Debezium's JDBC sink).
 *
 * @example
 * ```ts
 * converterConfig('json')['value.converter.schemas.enable'] // 'false'
 * ```
 */
export function converterConfig(format: RecordFormat): Readonly<Record<string, string>> {
  if (format === 'string') return { 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER }
  const schemas = format === 'json-schema' ? 'true' : 'false'
  return {
    'key.converter': JSON_CONVERTER,
    'key.converter.schemas.enable': schemas,
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': schemas,
  }
}
