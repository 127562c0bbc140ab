import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { SourceConnector } from '../../tasks/source-task.js'
import { parsePostgresCdcConfig } from './postgres-cdc-config.js'
import { PostgresCdcTask } from './postgres-cdc-task.js'

/**
 * `pipe:postgres-cdc-source`: one task (a replication slot has one reader), as Debezium's connector.
 *
 * @example
 * createPostgresCdcConnector().taskConfigs(config, 3).length // 1
 */
export function createPostgresCdcConnector(): SourceConnector {
  return {
    type: 'source',
    validate(config: ConnectorConfig) {
      try {
        parsePostgresCdcConfig(config)
        return []
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)]
      }
    },
    taskConfigs: (config) => [config],
    createTask: () => new PostgresCdcTask(),
  }
}
