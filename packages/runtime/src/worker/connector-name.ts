import { javaTrim } from '../java/values-tokenizer.js'

/**
 * Kafka Connect's rules for a connector name (`ConnectorConfig.NAME_CONFIG`, validated by
 * `ConfigDef.NonEmptyStringWithoutControlChars` after `ConfigDef` trims the string), plus two that
 * Kafka Connect lacks: it creates `.`, `..` and names of any length, which then cannot be read or
 * deleted (`/connectors/..` resolves to `/`; a name longer than a request line answers 500 or 414,
 * and one over 32,767 bytes ends a distributed Kafka Connect worker's herder). pipe refuses those.
 */

/** The longest name once URL-encoded: `/connectors/{name}/...` and the `Location` header must fit in 8 KiB. */
export const MAX_ENCODED_NAME_LENGTH = 4096


/** Java's `Character.isISOControl`: U+0000-U+001F and U+007F-U+009F. */
const isIsoControl = (code: number): boolean => code <= 0x1f || (code >= 0x7f && code <= 0x9f)

/** A long value cut for a message (the whole value stays in `/config/validate`'s `value`). */
const shown = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}... (${String(value.length)} characters)` : value)

/** The errors of a connector name, in Kafka Connect's words where Kafka Connect has a rule. */
export function connectorNameErrors(name: string): string[] {
  const value = javaTrim(name)
  const invalid = (why: string): string => `Invalid value ${shown(value)} for configuration name: ${why}`
  if (value === '') return [invalid('String may not be empty')]
  const controls: number[] = []
  for (let i = 0; i < value.length; i++) if (isIsoControl(value.charCodeAt(i))) controls.push(value.charCodeAt(i))
  if (controls.length > 0) return [invalid(`String may not contain control sequences but had the following ASCII chars: ${controls.join(', ')}`)]
  if (value === '.' || value === '..') return [invalid(`a connector cannot be named '${value}': URLs such as /connectors/${value} resolve to another path, so it could never be read or deleted`)]
  const encoded = encodeURIComponent(value).length
  if (encoded > MAX_ENCODED_NAME_LENGTH) {
    return [invalid(`String must be at most ${String(MAX_ENCODED_NAME_LENGTH)} characters once URL-encoded (it has ${String(encoded)}), or /connectors/{name} URLs do not fit in an HTTP request line`)]
  }
  return []
}
