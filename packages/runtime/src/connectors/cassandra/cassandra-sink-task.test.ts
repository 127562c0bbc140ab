import { describe, expect, it } from 'vitest'
import { problemOf } from './cassandra-sink-task.js'

describe('cassandra sink problem', () => {
  it('says what fails while writes or the first connect are retried, and nothing otherwise', () => {
    const base = { lastError: 'All host(s) tried for query failed', retries: 3, rowsWritten: 10 }
    expect(problemOf({ ...base, state: 'retrying' })).toBe('cannot write to Cassandra, retrying (3 retries so far): All host(s) tried for query failed')
    expect(problemOf({ ...base, state: 'connecting' })).toMatch(/^cannot connect to Cassandra, retrying/)
    expect(problemOf({ ...base, state: 'ready' })).toBeUndefined()
    expect(problemOf({ ...base, state: 'connecting', lastError: undefined })).toBeUndefined()
    expect(problemOf(undefined)).toBeUndefined()
  })
})
