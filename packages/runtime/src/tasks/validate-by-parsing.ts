import type { ConnectorConfig } from '@pipe/dsl/contract'

/**
 * A connector's `validate` from its config parser: no problem when `parse` accepts the config,
 * else the one message it threw.
 *
 * @example
 * const validate = validateByParsing(parseJdbcSinkConfig)
 * validate({}) // ["jdbc sink: 'connection.url' must be ..."]
 */
export function validateByParsing(parse: (config: ConnectorConfig) => unknown): (config: ConnectorConfig) => readonly string[] {
  return (config) => {
    try {
      parse(config)
      return []
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)]
    }
  }
}
