// The seed pipeline (DESIGN.md section 1): tweets matching a rule, into a topic, into a Cassandra table.
// The twitter source runs on the pipe runtime only (no Kafka Connect connector exists for the Twitter API v2).
import { source, topic, env } from '@pipe/dsl'
import { twitter, cassandra } from '@pipe/dsl/connectors'

export default source(twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), rules: ['kafka lang:en'] }))
  .to(topic('tweets', { partitions: 3 }))
  .sink(cassandra({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1',
                    keyspace: 'social', table: 'tweets',
                    columns: { id: 'id', body: 'text', author: 'author_id' } }))
