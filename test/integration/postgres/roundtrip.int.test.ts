// @servers postgres
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

describe('postgresql server', () => {
  const client = new pg.Client({ connectionString: servers().postgres.connectionString })
  afterAll(async () => { await client.end() })

  it('writes a row and reads it back', async () => {
    await client.connect()
    const table = `smoke_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, body text NOT NULL)`)
    try {
      await client.query(`INSERT INTO ${table} (id, body) VALUES ($1, $2)`, [1, 'hello postgres'])
      const result = await client.query<{ id: number; body: string }>(`SELECT id, body FROM ${table}`)
      expect(result.rows).toEqual([{ id: 1, body: 'hello postgres' }])
    } finally {
      await client.query(`DROP TABLE ${table}`)
    }
  })
})
