// @servers connect
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { kafkaLine } from '../../infra/versions.js'
import { connectRequest } from '../../support/connect-rest.js'

describe('kafka connect worker plugins', () => {
  it('lists the FileStream, Debezium PostgreSQL, Debezium JDBC sink and Camel Cassandra sink classes', async () => {
    const response = await connectRequest(servers().connect.url, 'GET', '/connector-plugins')
    expect(response.status).toBe(200)
    const plugins = response.body as { class: string; type: string; version: string }[]
    const byClass = new Map(plugins.map((plugin) => [plugin.class, plugin]))
    // FileStream reports the worker's own version (on 4.4 through connect-file 4.3.1 and its shim, test/infra/versions.ts)
    const line = kafkaLine()
    expect(byClass.get('org.apache.kafka.connect.file.FileStreamSourceConnector')).toMatchObject({ type: 'source', version: line.kafka })
    expect(byClass.get('org.apache.kafka.connect.file.FileStreamSinkConnector')).toMatchObject({ type: 'sink', version: line.kafka })
    expect(byClass.get('io.debezium.connector.postgresql.PostgresConnector')).toMatchObject({ type: 'source', version: line.debezium })
    expect(byClass.get('io.debezium.connector.jdbc.JdbcSinkConnector')).toMatchObject({ type: 'sink', version: line.debeziumJdbc })
    // Camel Kafka Connector's sink; with camel-cassandraql on its plugin path it writes to Cassandra (cql:// URLs)
    expect(byClass.get('org.apache.camel.kafkaconnector.CamelSinkConnector')).toMatchObject({ type: 'sink' })
  })
})
