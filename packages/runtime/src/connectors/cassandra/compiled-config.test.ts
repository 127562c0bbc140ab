import { describe, expect, it } from 'vitest'
import { parseCassandraSinkConfig } from './cassandra-sink-config.js'

// what `pipe compile --target pipe pipelines/twitter.ts` writes for the sink
const compiled = {
  columns: '{"id":"id","body":"text","author":"author_id"}',
  'connector.class': 'pipe:cassandra-sink',
  'contact.points': '127.0.0.1:9042',
  'errors.tolerance': 'none',
  keyspace: 'social',
  'local.data.center': 'datacenter1',
  name: 'twitter-sink',
  table: 'tweets',
  'tasks.max': '1',
  topics: 'tweets',
}

describe('cassandra sink config compiled by the dsl', () => {
  it('is read with the dsl keys', () => {
    expect(parseCassandraSinkConfig(compiled)).toMatchObject({
      contactPoints: ['127.0.0.1:9042'],
      localDataCenter: 'datacenter1',
      keyspace: 'social',
      table: 'tweets',
      columns: [['id', 'id'], ['body', 'text'], ['author', 'author_id']],
    })
  })
})
