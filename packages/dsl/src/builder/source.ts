import { connectorDefinitionOf, isConnectorRef, type SourceConnector } from '../connectors/define-connector.js'
import { PipeError } from '../errors.js'
import { deepFreeze } from '../ir/json.js'
import type { ConnectorSettings, TopicOptions } from '../ir/nodes.js'
import { captureLocation } from '../ir/capture-location.js'
import type { ChainNode } from './chain.js'
import type { Stream, Topic, Untyped } from './stream.js'
import { StreamImpl } from './stream-impl.js'

/**
 * Starts a pipeline at a source connector; the stream is typed by the connector's records. Steps
 * before `.to()` run in the source connector's transform chain.
 *
 * @example
 * ```ts
 * source(file({ file: 'in.txt' }), { name: 'lines-in' }).to(topic('lines'))
 * ```
 */
export function source<T>(connector: SourceConnector<T>, settings: ConnectorSettings = {}): Stream<T, unknown, 'source'> {
  if (!isConnectorRef(connector, 'source')) {
    throw new PipeError({
      code: 'PIPE_INVALID_IR',
      message: 'source() expects a source connector',
      hint: "e.g. source(file({ file: 'in.txt' })) with file from '@pipe/dsl/connectors'",
      location: captureLocation(),
    })
  }
  const node: ChainNode = Object.freeze({
    kind: 'source',
    connector: connector.connector,
    definition: connectorDefinitionOf(connector, 'source'),
    options: connector.options,
    settings: deepFreeze({ ...settings }),
    loc: connector.loc ?? captureLocation(),
  })
  // the implementation serves every Stream type; the record type is phantom
  return new StreamImpl({ chain: [node], side: 'source' }) as unknown as Stream<T, unknown, 'source'>
}

/**
 * Declares a topic. Give `T` to type its records (needed for sink-only pipelines); leave it out to
 * take the type of what is written. Also starts a sink-only pipeline: `topic<Order>('orders').sink(...)`.
 *
 * @example
 * ```ts
 * topic('tweets', { partitions: 3, replicationFactor: 1, cleanupPolicy: 'delete', retentionMs: 86_400_000 })
 * ```
 */
export function topic<T = Untyped>(name: string, options: TopicOptions = {}): Topic<T> {
  const node: ChainNode = Object.freeze({ kind: 'topic', topic: name, options: deepFreeze({ ...options }), loc: captureLocation() })
  // see source(): phantom record type
  return new StreamImpl({ chain: [node], side: 'topic' }) as unknown as Topic<T>
}
