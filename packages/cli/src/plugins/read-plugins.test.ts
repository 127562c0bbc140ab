import { describe, expect, it } from 'vitest'
import { newestVersions } from './read-plugins.js'

describe('newestVersions', () => {
  it('keeps the newest of the versions Kafka Connect 4.1+ lists for one class, whatever their order', () => {
    const listing = [
      { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.6.1.Final' },
      { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.6.0.Final' },
      { class: 'a.Conn', type: 'sink', version: '3.9.1' },
      { class: 'a.Conn', type: 'sink', version: '3.10.0' },
      { class: 'a.NoVersion', type: 'predicate' },
    ]
    expect(newestVersions(listing)).toEqual([
      { class: 'io.debezium.transforms.ExtractNewRecordState', type: 'transformation', version: '3.6.1.Final' },
      { class: 'a.Conn', type: 'sink', version: '3.10.0' },
      { class: 'a.NoVersion', type: 'predicate' },
    ])
  })

  it('keeps a class listed under two types (a converter that is also a header converter) twice', () => {
    const listing = [{ class: 'a.C', type: 'converter', version: '1' }, { class: 'a.C', type: 'header_converter', version: '1' }]
    expect(newestVersions(listing)).toEqual(listing)
  })
})
