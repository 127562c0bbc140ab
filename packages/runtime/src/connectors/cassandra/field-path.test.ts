import { describe, expect, it } from 'vitest'
import type { SinkRecord } from '../../records/connect-record.js'
import { resolveField } from './field-path.js'

const record: SinkRecord = {
  topic: 'tweets',
  kafkaPartition: 2,
  kafkaOffset: 41,
  originalTopic: 'tweets',
  originalKafkaPartition: 2,
  originalKafkaOffset: 41,
  key: { id: '9' },
  value: { id: '9', user: { name: 'ada' }, tags: ['kafka', 'cassandra'], nothing: null },
  timestamp: 1000,
  headers: [],
}

describe('resolveField', () => {
  it('walks dotted paths into maps and lists', () => {
    expect(resolveField(record, 'id')).toBe('9')
    expect(resolveField(record, 'user.name')).toBe('ada')
    expect(resolveField(record, 'tags.1')).toBe('cassandra')
    expect(resolveField(record, 'nothing')).toBeNull()
  })

  it('gives undefined for paths that lead nowhere', () => {
    expect(resolveField(record, 'user.age')).toBeUndefined()
    expect(resolveField(record, 'id.x')).toBeUndefined()
    expect(resolveField(record, 'tags.x')).toBeUndefined()
    expect(resolveField(record, 'toString')).toBeUndefined()
  })

  it('reads record metadata', () => {
    expect([resolveField(record, '$topic'), resolveField(record, '$partition'), resolveField(record, '$offset')]).toEqual(['tweets', 2, 41])
    expect(resolveField(record, '$key.id')).toBe('9')
    expect(resolveField(record, '$timestamp')).toBe(1000)
  })
})
