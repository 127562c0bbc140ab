import { connectorNames, locateConfigKey, type DefinitionCatalog, type PipelineIR } from '@pipe/dsl'
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
export function locateConnector(pipeline: { readonly ir: PipelineIR; readonly definitions: DefinitionCatalog }, connectorName: string, key?: string): ConnectorOrigin {
  const { ir, definitions } = pipeline
  const id = [...connectorNames(ir)].find(([, name]) => name === connectorName)?.[0]
  const node = ir.nodes.find((n) => n.id === id)
  if (node === undefined || (node.kind !== 'source' && node.kind !== 'sink')) return {}
  const origin = key === undefined ? undefined : locateConfigKey(ir, connectorName, key, definitions)
  const location = origin?.location ?? node.loc
  const option = origin?.option
  return { ...(location === undefined ? {} : { location }), ...(option === undefined ? {} : { option }) }
}
