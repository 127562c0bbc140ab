import { describe, expect, it } from 'vitest'
import { parseCassandraSinkConfig, parseMapping } from './cassandra-sink-config.js'

const base = { contactPoints: '127.0.0.1:9042', keyspace: 'social', table: 'tweets', columns: '{"id":"id","body":"text"}' }

describe('parseCassandraSinkConfig', () => {
  it('reads the dsl option names with defaults', () => {
    expect(parseCassandraSinkConfig(base)).toMatchObject({
      contactPoints: ['127.0.0.1:9042'],
      localDataCenter: 'datacenter1',
      columns: [['id', 'id'], ['body', 'text']],
      consistency: 'LOCAL_QUORUM',
      retryTimeoutMs: -1,
      credentials: undefined,
    })
  })

  it('accepts dotted keys and column=field pairs', () => {
    const config = parseCassandraSinkConfig({
      'contact.points': 'a:1, b:2',
      'local.data.center': 'dc2',
      keyspace: 'k',
      table: 't',
      columns: 'id=id, author=user.id',
      consistency: 'quorum',
    })
    expect(config).toMatchObject({ contactPoints: ['a:1', 'b:2'], localDataCenter: 'dc2', columns: [['id', 'id'], ['author', 'user.id']], consistency: 'QUORUM' })
  })

  it('says which key is missing or wrong', () => {
    expect(() => parseCassandraSinkConfig({ ...base, keyspace: '' })).toThrow("cassandra sink: 'keyspace' is required (keyspace of the table)")
    expect(() => parseCassandraSinkConfig({ ...base, consistency: 'MOST' })).toThrow(/'consistency' must be one of ANY, ONE/)
    expect(() => parseCassandraSinkConfig({ ...base, 'batch.size': '0' })).toThrow("'batch.size' must be an integer >= 1 (got '0')")
    expect(() => parseMapping('id', 'columns')).toThrow(/'columns' must be a JSON object or 'column=field' pairs/)
  })

  it('keeps the password out of every message', () => {
    const config = parseCassandraSinkConfig({ ...base, username: 'app', password: 'hunter2-secret' })
    expect(config.credentials).toEqual({ username: 'app', password: 'hunter2-secret' })
    expect(() => parseCassandraSinkConfig({ ...base, password: 'hunter2-secret', 'retry.timeout.ms': 'x' })).toThrow(/^(?!.*hunter2)/)
  })
})
