// @servers cassandra
import { randomUUID } from 'node:crypto'
import { Client } from 'cassandra-driver'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

describe('cassandra node', () => {
  const { contactPoints, localDataCenter } = servers().cassandra
  const client = new Client({ contactPoints: [...contactPoints], localDataCenter })
  afterAll(async () => { await client.shutdown() })

  it('creates a keyspace and a table, writes a row and reads it back', async () => {
    const keyspace = `smoke_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`)
    await client.execute(`CREATE TABLE ${keyspace}.tweets (id text PRIMARY KEY, body text, likes int)`)
    await client.execute(`INSERT INTO ${keyspace}.tweets (id, body, likes) VALUES (?, ?, ?)`, ['1', 'hello cassandra', 7], { prepare: true })

    const result = await client.execute(`SELECT id, body, likes FROM ${keyspace}.tweets WHERE id = ?`, ['1'], { prepare: true })
    expect(result.rows.map((row) => ({ id: row['id'] as unknown, body: row['body'] as unknown, likes: row['likes'] as unknown }))).toEqual([
      { id: '1', body: 'hello cassandra', likes: 7 },
    ])
    const release = await client.execute('SELECT release_version FROM system.local')
    expect(String(release.first()['release_version'])).toMatch(/^5\.0\./)
    await client.execute(`DROP KEYSPACE ${keyspace}`)
  })
})
