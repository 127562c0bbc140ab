import { cassandraSinkDefinition } from './cassandra/cassandra-sink.js'
import { consoleSinkDefinition } from './console/console-sink.js'
import { datagenSourceDefinition } from './datagen/datagen-source.js'
import type { ConnectorDefinition } from './define-connector.js'
import { definitionCatalog, type DefinitionCatalog } from './catalog.js'
import type { NodeId } from '../ir/nodes.js'
import type { PipelineIR } from '../ir/pipeline-ir.js'
import { fileSinkDefinition } from './file/file-sink.js'
import { fileSourceDefinition } from './file/file-source.js'
import { jdbcSinkDefinition } from './jdbc/jdbc-sink.js'
import { jdbcSourceDefinition } from './jdbc/jdbc-source.js'
import { postgresCdcSourceDefinition } from './postgres/postgres-cdc-source.js'
import { topicToTopicDefinition } from './topic-to-topic/topic-to-topic.js'
import { twitterSourceDefinition } from './twitter/twitter-source.js'

/**
 * Every built-in connector definition; IR nodes refer to them by `name` and role.
 *
 * @example
 * ```ts
 * CONNECTOR_DEFINITIONS.map((d) => `${d.name}-${d.role}`)
 * ```
 */
export const CONNECTOR_DEFINITIONS: readonly ConnectorDefinition[] = [
  fileSourceDefinition, fileSinkDefinition, datagenSourceDefinition, twitterSourceDefinition,
  postgresCdcSourceDefinition, cassandraSinkDefinition, jdbcSinkDefinition, jdbcSourceDefinition, consoleSinkDefinition,
  topicToTopicDefinition,
]

/**
 * The definition of a connector by name and role.
 *
 * @example
 * ```ts
 * findConnectorDefinition('file', 'sink')?.kafkaConnect
 * ```
 */
export function findConnectorDefinition(name: string, role: 'source' | 'sink'): ConnectorDefinition | undefined {
  return CONNECTOR_DEFINITIONS.find((d) => d.name === name && d.role === role)
}

/**
 * The catalog of a JSON IR that uses only built-in connectors (and no plugin steps' definitions):
 * for callers that have no lowered pipeline, e.g. a stored IR. Nodes naming no built-in are left out
 * (validation reports them as unknown).
 *
 * @example
 * ```ts
 * compilePipeline(ir, { definitions: builtinCatalog(ir) })
 * ```
 */
export function builtinCatalog(ir: PipelineIR): DefinitionCatalog {
  const connectors = new Map<NodeId, ConnectorDefinition>()
  for (const node of ir.nodes) {
    if (node.kind !== 'source' && node.kind !== 'sink') continue
    const definition = findConnectorDefinition(node.connector, node.kind)
    if (definition !== undefined) connectors.set(node.id, definition)
  }
  return definitionCatalog({ connectors })
}
