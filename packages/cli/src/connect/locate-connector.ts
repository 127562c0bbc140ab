import { connectorNames, type PipelineIR } from '@pipe/dsl'
import { findConnectorDefinition } from '@pipe/dsl/connectors'
import type { DiagnosticLocation } from '../diagnostic.js'

export interface ConnectorOrigin {
  /** The source or sink call that made the connector. */
  readonly location?: DiagnosticLocation
  /** The pipeline option that compiles to the Kafka Connect key, when one does. */
  readonly option?: string
}

/**
 * Where in the pipeline file a compiled connector comes from (its source or sink node, found by the
 * dsl's naming), and which option of that connector a Kafka Connect config key comes from.
 */
export function locateConnector(ir: PipelineIR, connectorName: string, key?: string): ConnectorOrigin {
  const id = [...connectorNames(ir)].find(([, name]) => name === connectorName)?.[0]
  const node = ir.nodes.find((n) => n.id === id)
  if (node === undefined || (node.kind !== 'source' && node.kind !== 'sink')) return {}
  const fields = findConnectorDefinition(node.connector, node.kind)?.fields ?? {}
  const option = key === undefined ? undefined : Object.entries(fields).find(([, spec]) => spec.key === key)?.[0]
  return { ...(node.loc === undefined ? {} : { location: node.loc }), ...(option === undefined ? {} : { option }) }
}
