// The seed pipeline (DESIGN.md section 1): tweets matching a rule, into a topic, into a Cassandra table.
// The twitter source runs on the pipe runtime only (no Kafka Connect connector exists for the Twitter API v2).
//
// Read when the file loads (pipe check / compile / run); unset or empty means the default (the real API, a local node):
//   TWITTER_API_URL           the API base URL, e.g. the local server's from test/twitter-api (default https://api.twitter.com)
//   CASSANDRA_CONTACT_POINTS  host:port[,host:port...] (default 127.0.0.1:9042)
//   CASSANDRA_KEYSPACE        the keyspace of the tweets table (default social)
// The bearer token is a secret: env() compiles it to ${env:TWITTER_BEARER_TOKEN}, resolved only when the task starts.
import { source, topic, env } from '@pipe/dsl'
import { twitter, cassandra } from '@pipe/dsl/connectors'

const apiUrl = process.env['TWITTER_API_URL'] || 'https://api.twitter.com'
const contactPoints = (process.env['CASSANDRA_CONTACT_POINTS'] || '127.0.0.1:9042').split(',')
const keyspace = process.env['CASSANDRA_KEYSPACE'] || 'social'

export default source(twitter({ bearerToken: env('TWITTER_BEARER_TOKEN'), rules: ['kafka lang:en'], apiUrl }))
  .to(topic('tweets', { partitions: 3 }))
  .sink(cassandra({ contactPoints, localDataCenter: 'datacenter1',
                    keyspace, table: 'tweets',
                    columns: { id: 'id', body: 'text', author: 'author_id' } }))
