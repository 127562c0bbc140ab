import { describe, expect, it } from 'vitest'
import { BoundedIdSet } from './bounded-id-set.js'
import { compareIds, maxId } from './backfill.js'

describe('BoundedIdSet', () => {
  it('reports duplicates and forgets the oldest ids beyond its capacity', () => {
    const set = new BoundedIdSet(3)
    expect(['1', '2', '3', '2'].map((id) => set.add(id))).toEqual([true, true, true, false])
    set.add('4')
    expect(set.has('1')).toBe(false)
    expect(set.has('4')).toBe(true)
    expect(set.size).toBe(3)
  })
})

describe('compareIds', () => {
  it('orders snowflake ids numerically, beyond 2^53', () => {
    expect(compareIds('1800000000000000001', '1800000000000000000')).toBeGreaterThan(0)
    expect(compareIds('999', '1000')).toBeLessThan(0)
    expect(maxId(undefined, '5')).toBe('5')
    expect(maxId('1800000000000000009', '1800000000000000008')).toBe('1800000000000000009')
  })
})
