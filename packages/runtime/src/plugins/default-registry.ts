import { FILE_STREAM_CLASSES, PIPE_CONNECTOR_CLASSES } from '@pipe/dsl/contract'
import type { ConnectorRegistry, PluginSet } from '../tasks/connector-registry.js'
import { createConnectorRegistry } from '../tasks/connector-registry.js'
import type { LineWriter } from '../tasks/task-context.js'
import { builtinTransforms } from '../transforms/builtin-transforms.js'
import { createCassandraSinkConnector } from '../connectors/cassandra/index.js'
import { consoleSinkConnector } from '../connectors/console/console-sink.js'
import { datagenSourceConnector } from '../connectors/datagen/datagen-source.js'
import { fileStreamSinkConnector } from '../connectors/file/file-sink.js'
import { fileStreamSourceConnector } from '../connectors/file/file-source.js'
import { topicToTopicSinkConnector } from '../connectors/topic-to-topic/topic-to-topic-sink.js'
import { createTwitterSourceConnector } from '../connectors/twitter/index.js'
import { createPostgresCdcConnector } from '../connectors/postgres-cdc/index.js'
import { createJdbcSinkConnector, jdbcSourceConnector } from '../connectors/jdbc/index.js'

/** What the built-in connectors print through. */
export interface DefaultRegistryOptions {
  readonly writer: LineWriter
}

/** The connectors pipe ships (FileStream, datagen, console, topic-to-topic) with every built-in SMT and predicate. */
export function builtinConnectors(options: DefaultRegistryOptions): PluginSet {
  return {
    connectors: {
      [FILE_STREAM_CLASSES.source]: fileStreamSourceConnector,
      [FILE_STREAM_CLASSES.sink]: fileStreamSinkConnector(options.writer),
      [PIPE_CONNECTOR_CLASSES['datagen-source']]: datagenSourceConnector,
      [PIPE_CONNECTOR_CLASSES['console-sink']]: consoleSinkConnector(options.writer),
      [PIPE_CONNECTOR_CLASSES['topic-to-topic-sink']]: topicToTopicSinkConnector,
      [PIPE_CONNECTOR_CLASSES['twitter-source']]: createTwitterSourceConnector(),
      [PIPE_CONNECTOR_CLASSES['cassandra-sink']]: createCassandraSinkConnector(),
      [PIPE_CONNECTOR_CLASSES['postgres-cdc-source']]: createPostgresCdcConnector(),
      [PIPE_CONNECTOR_CLASSES['jdbc-sink']]: createJdbcSinkConnector(),
      [PIPE_CONNECTOR_CLASSES['jdbc-source']]: jdbcSourceConnector,
    },
  }
}

/** The default registry; add more connectors with `.with({ connectors: { 'pipe:twitter-source': ... } })`. */
export function defaultRegistry(options: DefaultRegistryOptions): ConnectorRegistry {
  return createConnectorRegistry(builtinTransforms, builtinConnectors(options))
}
