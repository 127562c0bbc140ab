import type { SourceConnector } from '../../tasks/source-task.js'
import { parsePostgresCdcConfig } from './postgres-cdc-config.js'
import { validateByParsing } from '../../tasks/validate-by-parsing.js'
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
    validate: validateByParsing(parsePostgresCdcConfig),
    taskConfigs: (config) => [config],
    createTask: () => new PostgresCdcTask(),
  }
}
