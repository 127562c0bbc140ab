// Generated orders, enriched and masked at the source, forked into two sinks.
import { source, topic, pipeline, hasHeaderKey, topicNameMatches } from '@pipe/dsl'
import { datagen, fileSink, consoleSink } from '@pipe/dsl/connectors'

const orders = source(datagen({ preset: 'orders', intervalMs: 100 }))
  .insertField({ topic: 'source_topic', timestamp: 'ingested_at', static: { field: 'origin', value: 'datagen' } })
  .cast({ price: 'float64', quantity: 'int32' })
  .maskField(['customer_id'])
  .insertHeader('pipeline', 'orders')
  .to(topic('orders', { partitions: 3, replicationFactor: 1, cleanupPolicy: 'delete', retentionMs: 604_800_000 }))

const archive = orders
  .valueToKey(['order_id'])
  .replaceField({ exclude: ['origin', 'source_topic'], renames: { price: 'amount' } })
  .convertTimestamp({ field: 'ordered_at', targetType: 'string', format: 'yyyy-MM-dd HH:mm:ss' })
  .headerFrom({ fields: ['item'], headers: ['item'], operation: 'copy' })
  .dropHeaders(['pipeline'])
  .sink(fileSink({ file: 'build/orders.txt' }), { name: 'archive', errors: { tolerance: 'all', log: true } })

const live = orders
  .dropIf(hasHeaderKey('test'))
  .keepIf(topicNameMatches('orders'))
  .sink(consoleSink({ format: 'json' }), { name: 'console' })

export default pipeline([archive, live])
