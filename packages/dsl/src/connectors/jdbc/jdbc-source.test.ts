import { describe, expect, it } from 'vitest'
import { toPipelineIR } from '../../builder/to-pipeline-ir.js'
import { env } from '../../builder/secret.js'
import { source, topic } from '../../builder/source.js'
import { compilePipeline, validatePipeline } from '../../testing/builtin-catalog.fixture.js'
import { jdbcSource } from './jdbc-source.js'

const tables = () =>
  source(jdbcSource({ url: 'jdbc:mariadb://db:3306/shop', username: 'app', password: env('DB_PASSWORD'), mode: 'incrementing', incrementingColumn: 'id', tables: ['a', 'b'], topicPrefix: 'shop-' }), { tasksMax: 3 })
    .to(topic('shop-tables', { format: 'json' }))
    .named('tables')

describe('jdbcSource', () => {
  it('compiles for the pipe runtime to the JDBC source keys users know, tasks.max included', () => {
    const result = compilePipeline(toPipelineIR(tables(), { defaultName: 'tables' }), { target: 'pipe' })
    expect(result.diagnostics).toEqual([])
    expect(result.connectors[0]?.config).toMatchObject({
      'connector.class': 'pipe:jdbc-source', 'connection.url': 'jdbc:mariadb://db:3306/shop', 'connection.user': 'app',
      'connection.password': '${env:DB_PASSWORD}', mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': 'a,b',
      'topic.prefix': 'shop-', 'poll.interval.ms': '5000', 'tasks.max': '3',
    })
  })

  it('is pipe runtime only: nothing is compiled for Kafka Connect', () => {
    const result = compilePipeline(toPipelineIR(tables(), { defaultName: 'tables' }))
    expect(result.connectors).toEqual([])
  })

  it('refuses an incrementing or timestamp mode without its column', () => {
    const noColumn = () => source(jdbcSource({ url: 'jdbc:postgresql://db/shop', username: 'app', password: 'x', mode: 'timestamp+incrementing' })).to(topic('t'))
    const messages = validatePipeline(toPipelineIR(noColumn(), { defaultName: 'p' })).map((d) => d.message)
    expect(messages).toEqual(expect.arrayContaining([
      "jdbcSource mode 'timestamp+incrementing' needs 'incrementingColumn'",
      "jdbcSource mode 'timestamp+incrementing' needs 'timestampColumn'",
    ]))
  })
})
