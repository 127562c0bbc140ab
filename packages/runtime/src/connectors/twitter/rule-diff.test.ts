import { describe, expect, it } from 'vitest'
import { diffRules, searchQueries, userTagOf } from './rule-diff.js'

const owner = 'pipe/twitter'

describe('diffRules', () => {
  it('adds the declared rules, tagged as pipe\'s, when none exist', () => {
    expect(diffRules([], [{ value: 'kafka' }, { value: 'cassandra', tag: 'db' }], owner)).toEqual({
      delete: [],
      add: [{ value: 'kafka', tag: 'pipe/twitter' }, { value: 'cassandra', tag: 'pipe/twitter/db' }],
      sharedWithOthers: [],
    })
  })

  it('keeps rules that are already there and deletes pipe\'s rules no longer declared', () => {
    const existing = [
      { id: '1', value: 'kafka', tag: 'pipe/twitter' },
      { id: '2', value: 'old rule', tag: 'pipe/twitter/x' },
    ]
    expect(diffRules(existing, [{ value: 'kafka' }], owner)).toEqual({ delete: ['2'], add: [], sharedWithOthers: [] })
  })

  it('leaves rules of other owners alone, also of other pipe connectors', () => {
    const existing = [
      { id: '1', value: 'cats', tag: 'marketing' },
      { id: '2', value: 'dogs' },
      { id: '3', value: 'flink', tag: 'pipe/other-connector' },
      { id: '4', value: 'x', tag: 'pipe/twitter-2' },
    ]
    expect(diffRules(existing, [{ value: 'kafka' }], owner)).toEqual({ delete: [], add: [{ value: 'kafka', tag: owner }], sharedWithOthers: [] })
  })

  it('replaces a rule whose tag changed, and does not add a value another owner holds', () => {
    const existing = [
      { id: '1', value: 'kafka', tag: 'pipe/twitter/a' },
      { id: '2', value: 'cats', tag: 'marketing' },
    ]
    expect(diffRules(existing, [{ value: 'kafka', tag: 'b' }, { value: 'cats' }], owner)).toEqual({
      delete: ['1'],
      add: [{ value: 'kafka', tag: 'pipe/twitter/b' }],
      sharedWithOthers: ['cats'],
    })
  })
})

describe('userTagOf', () => {
  it('gives back the pipeline\'s own tag', () => {
    expect(userTagOf('pipe/twitter/db', owner)).toBe('db')
    expect(userTagOf('pipe/twitter', owner)).toBeUndefined()
    expect(userTagOf('marketing', owner)).toBeUndefined()
  })
})

describe('searchQueries', () => {
  it('ORs the rules into queries of at most 512 characters', () => {
    expect(searchQueries([{ value: 'kafka lang:en' }])).toEqual(['kafka lang:en'])
    expect(searchQueries([{ value: 'a' }, { value: 'b c' }])).toEqual(['(a) OR (b c)'])
    const long = Array.from({ length: 60 }, (_, i) => ({ value: `keyword${i} lang:en` }))
    const queries = searchQueries(long)
    expect(queries.length).toBeGreaterThan(1)
    for (const q of queries) expect(q.length).toBeLessThanOrEqual(512)
  })
})
