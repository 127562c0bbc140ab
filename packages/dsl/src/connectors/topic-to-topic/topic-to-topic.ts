import { PIPE_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import { defineConnector } from '../define-connector.js'

/**
 * Definition of the topic-to-topic connector, made by `topic('a')....to(topic('b'))`: reads one
 * topic, applies the steps, writes another. Pipe runtime only: Kafka Connect has no connector that
 * copies between topics of one cluster (MirrorMaker 2's MirrorSourceConnector replicates between
 * clusters and needs the source cluster's connection settings).
 *
 * @example
 * ```ts
 * topic('raw').maskField(['ssn']).to(topic('clean')) // a topic-to-topic connector
 * ```
 */
export const topicToTopicDefinition = defineConnector({
  name: 'topic-to-topic',
  role: 'sink',
  doc: 'Copies records from one topic to another through a transform chain (pipe runtime only).',
  fields: {},
  formats: ['json', 'string', 'json-schema'],
  kafkaConnect: {
    unsupported:
      "Kafka Connect has no same-cluster topic-to-topic connector (MirrorMaker 2 replicates between clusters and needs the source cluster's settings)",
  },
  pipeClass: PIPE_CONNECTOR_CLASSES['topic-to-topic-sink'],
})
