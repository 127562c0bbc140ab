// Pipelines used by the unit tests (excluded from the build). They mirror pipelines/ and cover every
// node kind, every portable step, forks, TypeScript steps and topic-to-topic.
import { env, secret } from '../builder/secret.js'
import { hasHeaderKey, not, recordIsTombstone, topicNameMatches } from '../builder/predicate.js'
import { pipeline, type Pipeline } from '../builder/pipeline.js'
import { source, topic } from '../builder/source.js'
import { cassandra } from '../connectors/cassandra/cassandra-sink.js'
import { consoleSink } from '../connectors/console/console-sink.js'
import { datagen } from '../connectors/datagen/datagen-source.js'
import { fileSink } from '../connectors/file/file-sink.js'
import { file } from '../connectors/file/file-source.js'
import { jdbc } from '../connectors/jdbc/jdbc-sink.js'
import { postgresCdc, type ChangeEvent } from '../connectors/postgres/postgres-cdc-source.js'
import { twitter } from '../connectors/twitter/twitter-source.js'

export const fileCopy = (): Pipeline =>
  source(file({ file: 'data/input.txt' })).to(topic('lines', { partitions: 1 })).sink(fileSink({ file: 'build/output.txt' }))

export const tweets = (): Pipeline =>
  source(twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), rules: ['kafka lang:en'] }))
    .replaceField({ include: ['id', 'text', 'author_id'] })
    .to(topic('tweets', { partitions: 3 }))
    .sink(cassandra({ contactPoints: ['127.0.0.1:9042'], keyspace: 'social', table: 'tweets', columns: { id: 'id', body: 'text', author: 'author_id' } }))

export const ordersFork = (): Pipeline => {
  const orders = source(datagen({ preset: 'orders' }))
    .insertField({ topic: 'source_topic', timestamp: 'ingested_at', static: { field: 'origin', value: 'datagen' } })
    .cast({ price: 'float64', quantity: 'int32' })
    .maskField(['customer_id'], 'xxx')
    .insertHeader('pipeline', 'orders')
    .to(topic('orders', { partitions: 3, replicationFactor: 1, cleanupPolicy: 'delete', retentionMs: 604_800_000 }))
  const archive = orders
    .valueToKey(['order_id'])
    .replaceField({ exclude: ['origin'], renames: { price: 'amount' } })
    .convertTimestamp({ field: 'ordered_at', targetType: 'string', format: 'yyyy-MM-dd' })
    .headerFrom({ fields: ['item'], headers: ['item'], operation: 'copy' })
    .dropHeaders(['pipeline'])
    .sink(fileSink({ file: 'build/orders.txt' }), { errors: { tolerance: 'all', deadLetterTopic: 'orders-dlq', deadLetterContextHeaders: true } })
  const live = orders.dropIf(hasHeaderKey('test')).keepIf(topicNameMatches('orders')).sink(consoleSink())
  return pipeline([archive, live], { name: 'orders' })
}

export const usersWithCode = (): Pipeline =>
  source(datagen({ preset: 'users', seed: 1 }))
    .filter((u) => u.region !== 'test')
    .map((u) => ({ ...u, name: u.name.toUpperCase() }))
    .flatten({ delimiter: '_' })
    .to(topic('users'))
    .when(not(topicNameMatches('public-.*')), (s) => s.maskField(['email']))
    .hoistField('user')
    .extractField('user')
    .routeByRegex('users', 'users-export')
    .routeByTimestamp({ topicFormat: '${topic}-${timestamp}' })
    .flatMap((u) => [u, u])
    .sink(fileSink({ file: 'build/users.txt' }))
    .named('users')

interface Customer {
  readonly id: number
  readonly name: string
}

export const customersCdc = (): Pipeline =>
  source(postgresCdc<Customer>({ hostname: 'db', user: 'cdc', password: secret('file', '/etc/pipe/pg.properties', 'password'), database: 'shop' }))
    .dropIf(recordIsTombstone())
    .to(topic('pg.customers', { format: 'json-schema' }))

export const customersReplica = (): Pipeline =>
  topic<ChangeEvent<Customer>>('pg.customers', { format: 'json-schema' }).sink(
    jdbc({ url: 'jdbc:postgresql://db/replica', username: 'app', password: env('DB_PASSWORD'), insertMode: 'upsert', primaryKeyMode: 'record_key', deleteEnabled: true }),
  )

export const topicCopy = (): Pipeline =>
  topic<{ readonly id: string; readonly secret: string }>('raw').maskField(['secret']).to(topic('clean')).sink(consoleSink())

/** Every fixture by name. */
export const FIXTURES: Readonly<Record<string, () => Pipeline>> = {
  'file-copy': fileCopy, tweets, orders: ordersFork, users: usersWithCode, 'customers-cdc': customersCdc,
  'customers-replica': customersReplica, 'topic-copy': topicCopy,
}
