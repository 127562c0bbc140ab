// @servers postgres-logical
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'

// GIVEN the PostgreSQL test/infra starts with wal_level=logical
// WHEN a table is published and a pgoutput slot decodes an insert into it
// THEN the slot hands out that change (what Debezium and a CDC source read)
describe('postgres-logical server', () => {
  const client = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12)
  const table = `logical_${suffix}`
  const slot = `slot_${suffix}`
  const publication = `pub_${suffix}`

  beforeAll(async () => { await client.connect() })
  afterAll(async () => {
    await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
    await client.query(`DROP PUBLICATION IF EXISTS ${publication}`)
    await client.query(`DROP TABLE IF EXISTS ${table}`)
    await client.end()
  })

  it('runs with logical decoding and a replication-capable login', async () => {
    const settings = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_replication_slots', 'max_wal_senders') ORDER BY name",
    )
    const values = Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]))
    expect(values['wal_level']).toBe('logical')
    expect(Number(values['max_replication_slots'])).toBeGreaterThanOrEqual(10)
    expect(Number(values['max_wal_senders'])).toBeGreaterThanOrEqual(10)
    const role = await client.query<{ rolreplication: boolean }>('SELECT rolreplication FROM pg_roles WHERE rolname = current_user')
    expect(role.rows[0]?.rolreplication).toBe(true)
  })

  it('decodes an insert through a pgoutput slot', async () => {
    await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, body text NOT NULL)`)
    await client.query(`CREATE PUBLICATION ${publication} FOR TABLE ${table}`)
    await client.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot])
    const body = `hello ${suffix}`
    await client.query(`INSERT INTO ${table} (id, body) VALUES (1, $1)`, [body])
    const changes = await client.query<{ data: Buffer }>(
      "SELECT data FROM pg_logical_slot_get_binary_changes($1, NULL, NULL, 'proto_version', '1', 'publication_names', $2)",
      [slot, publication],
    )
    // pgoutput messages: B(egin), R(elation), I(nsert), C(ommit); the insert carries the row's text
    const kinds = changes.rows.map((row) => String.fromCharCode(row.data[0] ?? 0))
    expect(kinds).toEqual(['B', 'R', 'I', 'C'])
    const insert = changes.rows[2]?.data.toString('latin1') ?? ''
    expect(insert).toContain(body)
  })
})
