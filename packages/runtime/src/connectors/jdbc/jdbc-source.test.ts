import { describe, expect, it } from 'vitest'
import { groupPartitions, jdbcSourceConnector } from './jdbc-source.js'

const base = { 'connection.url': 'jdbc:mariadb://db/shop', 'connection.user': 'app', mode: 'incrementing', 'incrementing.column.name': 'id' }

describe('jdbc source connector', () => {
  it('divides 7 tables among 3 tasks as Kafka Connect groupPartitions does', () => {
    expect(groupPartitions(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f', 'g']])
    const configs = jdbcSourceConnector.taskConfigs({ ...base, 'table.whitelist': 'a,b,c,d,e,f,g' }, 3)
    expect(configs.map((c) => c['tables'])).toEqual(['a,b,c', 'd,e', 'f,g'])
  })

  it('makes no more tasks than tables, and shares discovered tables by index', () => {
    expect(jdbcSourceConnector.taskConfigs({ ...base, 'table.whitelist': 'a,b' }, 5)).toHaveLength(2)
    expect(jdbcSourceConnector.taskConfigs(base, 2).map((c) => c['task.share'])).toEqual(['0/2', '1/2'])
  })

  it('refuses a bad url, a mode without its column, a bad pattern', () => {
    const validate = (config: Record<string, string>) => jdbcSourceConnector.validate?.(config) ?? []
    expect(validate({ ...base, 'connection.url': 'jdbc:oracle:thin:@db' })).toEqual([
      "jdbc source: 'connection.url' must be jdbc:postgresql://host:port/database or jdbc:mariadb://host:port/database, got 'jdbc:oracle:thin:@db'",
    ])
    expect(validate({ ...base, mode: 'timestamp' })).toEqual(["jdbc source: mode 'timestamp' needs 'timestamp.column.name'"])
    expect(validate({ ...base, 'table.pattern': '(' })).toEqual(["jdbc source: 'table.pattern' is not a regular expression: '('"])
  })
})
