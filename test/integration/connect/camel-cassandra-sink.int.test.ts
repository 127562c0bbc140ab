// @servers kafka connect cassandra
import { randomUUID } from 'node:crypto'
import { Client } from 'cassandra-driver'
import { Kafka, Partitioners, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'

// Camel's Cassandra sink as the worker has it: camel-kafka-connector 0.11.0's CamelSinkConnector with
// Camel's CQL component. A JSON array record value (JsonConverter, schemas off) binds to the `?`
// markers in order; JSON integers arrive as Java Long, so they go to bigint columns.
describe('camel cassandra sink on kafka connect', () => {
  const cassandra = servers().cassandra
  const client = new Client({ contactPoints: [...cassandra.contactPoints], localDataCenter: cassandra.localDataCenter })
  const keyspace = `camel_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const name = `camel-cql-${randomUUID().slice(0, 8)}`
  afterAll(async () => {
    await connectRequest(servers().connect.url, 'DELETE', `/connectors/${name}`)
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
    await client.shutdown()
  })

  it('writes the rows of a topic into a cassandra table', async () => {
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`)
    await client.execute(`CREATE TABLE ${keyspace}.users (id bigint PRIMARY KEY, name text)`)
    const topic = `${name}-in`
    const kafka = new Kafka({ clientId: 'pipe-smoke', brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    await producer.connect()
    const users = Array.from({ length: 50 }, (_, i) => [i, `user-${i}`] as const)
    await producer.send({ topic, messages: users.map((user) => ({ value: JSON.stringify(user) })) })
    await producer.disconnect()

    const cql = encodeURIComponent(`INSERT INTO ${keyspace}.users (id, name) VALUES (?, ?)`)
    const created = await connectRequest(servers().connect.url, 'POST', '/connectors', {
      name,
      config: {
        'connector.class': 'org.apache.camel.kafkaconnector.CamelSinkConnector',
        'tasks.max': '1',
        topics: topic,
        'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'key.converter.schemas.enable': 'false',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'false',
        'camel.sink.url': `cql://${cassandra.contactPoints[0] ?? ''}/${keyspace}?cql=${cql}`,
      },
    })
    expect(created.status).toBe(201)

    const rows = await waitFor('50 rows in cassandra', async () => {
      const result = await client.execute(`SELECT id, name FROM ${keyspace}.users`)
      return result.rowLength === users.length ? result.rows : undefined
    }, 60_000)
    const written = rows.map((row) => [Number(row['id']), String(row['name'])]).sort((a, b) => Number(a[0]) - Number(b[0]))
    expect(written).toEqual(users.map(([id, userName]) => [id, userName]))
  })
})
