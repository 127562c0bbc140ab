import { relative } from 'node:path'
import { locateConfigKey } from '@pipe/dsl'
import type { ConnectorDocument } from '@pipe/dsl/contract'
import { defaultRegistry } from '@pipe/runtime'
import type { LoadedPipeline } from '../analyze/analyze-pipelines.js'
import { UserError } from '../errors/user-error.js'

const TYPE_KEY = /^(transforms|predicates)\.([^.]+)\.type$/

/** The registry `pipe run` starts connectors from, asked only which classes it has. */
const registry = defaultRegistry({ writer: { write: () => undefined } })

function missing(document: ConnectorDocument): { key: string; kind: string; className: string } | undefined {
  const connectorClass = document.config['connector.class'] ?? ''
  if (registry.connector(connectorClass) === undefined) return { key: 'connector.class', kind: 'connector class', className: connectorClass }
  for (const [key, value] of Object.entries(document.config)) {
    const match = TYPE_KEY.exec(key)
    if (match === null) continue
    const known = match[1] === 'transforms' ? registry.transform(value) : registry.predicate(value)
    if (known === undefined) return { key, kind: match[1] === 'transforms' ? 'transformation class' : 'predicate class', className: value }
  }
  return undefined
}

/**
 * Refuses, before anything starts (no topic, no state directory), a pipeline whose connector,
 * SMT or predicate class pipe has no runtime implementation for (a plugin's: Debezium,
 * `kafkaConnect(...)`, a pulled module): one line at the pipeline's file:line that says to deploy
 * it to Kafka Connect.
 */
export function assertRunnable(pipeline: LoadedPipeline, documents: readonly ConnectorDocument[], cwd: string): void {
  for (const document of documents) {
    const gap = missing(document)
    if (gap === undefined) continue
    const location = locateConfigKey(pipeline.ir, document.name, gap.key, pipeline.definitions)?.location
    const where = location === undefined ? relative(cwd, pipeline.file) : `${relative(cwd, location.file)}:${location.line}`
    throw new UserError(
      'PIPE_NO_RUNTIME_IMPLEMENTATION',
      `${where}: ${gap.kind} ${gap.className} has no pipe runtime implementation; deploy it to Kafka Connect with \`pipe deploy\``,
    )
  }
}
