import { maskValue } from '@pipe/dsl'

const INVALID_VALUE = /Invalid value (.*?) for configuration ([^\s:]+)/g

/**
 * Kafka Connect's config errors quote values after resolving config providers ("Invalid value
 * <resolved> for configuration <key>: ..."): hide the value of every key that holds a placeholder
 * or a secret, so a resolved secret never reaches pipe's output.
 */
export function redactWorkerMessage(message: string, config: Readonly<Record<string, string>>): string {
  return message.replace(INVALID_VALUE, (whole, _value: string, key: string) => {
    const configured = config[key]
    if (configured === undefined) return whole
    const sensitive = configured.includes('${') || maskValue(key, configured, new Set()) !== configured
    return sensitive ? `Invalid value [hidden] for configuration ${key}` : whole
  })
}
