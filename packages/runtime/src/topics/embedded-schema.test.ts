import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'
import { STORE_FORMAT } from './embedded-schema.js'

const stateDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pipe-format-'))

/** A state dir as pipe wrote it before batches: a row per record (format 1, user_version 0). */
function writeFormat1(dir: string, records: number): void {
  const db = new Database(join(dir, 'pipe.db'))
  db.exec(`
    CREATE TABLE topics (name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, config TEXT NOT NULL);
    CREATE TABLE records (topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, key BLOB, value BLOB, headers TEXT, timestamp INTEGER NOT NULL, PRIMARY KEY (topic, partition, offset)) WITHOUT ROWID;
    CREATE TABLE consumer_offsets (grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, PRIMARY KEY (grp, topic, partition));
    CREATE TABLE source_offsets (connector TEXT NOT NULL, partition_key TEXT NOT NULL, offset TEXT NOT NULL, PRIMARY KEY (connector, partition_key));
    INSERT INTO topics VALUES ('t', 2, '{}');
    INSERT INTO consumer_offsets VALUES ('connect-snk', 't', 0, 1500);
    INSERT INTO source_offsets VALUES ('src', '{"filename":"in.txt"}', '{"position":9}');
  `)
  const insert = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)')
  db.transaction(() => {
    // partition 0 from offset 1000 (retention deleted the first ones), a header on every 7th; partition 1 a few
    for (let i = 1000; i < 1000 + records; i++) insert.run('t', 0, i, null, Buffer.from(`v${String(i)}`), i % 7 === 0 ? JSON.stringify([['h', Buffer.from('x').toString('base64')], ['n', null]]) : null, i)
    for (let i = 0; i < 3; i++) insert.run('t', 1, i, Buffer.from('k'), Buffer.from(`w${String(i)}`), null, i)
  })()
  db.close()
}

describe('the embedded store format', () => {
  it('converts a state dir of an earlier pipe (a row per record) on open, losing nothing', async () => {
    const dir = await stateDir()
    writeFormat1(dir, 2500)
    // a reader alone may not convert it: one line says what to do
    expect(() => createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })).toThrow(/holds the store format of an earlier pipe \(a row per record\): run `pipe run` on this --state-dir once to convert it/)
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    expect(await backend.readSourceOffset('src', { filename: 'in.txt' })).toEqual({ position: 9 })
    const consumer = await backend.consumer({ group: 'connect-snk', topics: ['t'], member: { index: 0, count: 1 } })
    const got = []
    for (let batch = await consumer.fetch(700, 0); batch.length > 0; batch = await consumer.fetch(700, 0)) got.push(...batch)
    // from the group's committed offset on, every record once, in order per partition
    const p0 = got.filter((m) => m.partition === 0)
    expect(p0.map((m) => m.offset)).toEqual(Array.from({ length: 2000 }, (_, i) => 1500 + i))
    expect(p0.map((m) => Buffer.from(m.value ?? []).toString())).toEqual(Array.from({ length: 2000 }, (_, i) => `v${String(1500 + i)}`))
    expect(p0.find((m) => m.offset === 1505)?.headers).toEqual([{ key: 'h', value: Buffer.from('x') }, { key: 'n', value: null }])
    expect(p0.find((m) => m.offset === 1505)?.timestamp).toBe(1505)
    expect(got.filter((m) => m.partition === 1).map((m) => Buffer.from(m.value ?? []).toString())).toEqual(['w0', 'w1', 'w2'])
    // new records continue the offsets
    await backend.produce([{ topic: 't', partition: 0, key: null, value: Buffer.from('next'), headers: [], timestamp: 1 }])
    expect((await consumer.fetch(10, 100)).map((m) => m.offset)).toEqual([3500])
    await backend.close()
    const db = new Database(join(dir, 'pipe.db'), { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_FORMAT)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'records'").get()).toBeUndefined()
    db.close()
  })

  it('refuses, in one line, a state dir written by a newer pipe', async () => {
    const dir = await stateDir()
    await createEmbeddedTopicBackend({ stateDir: dir }).close()
    const db = new Database(join(dir, 'pipe.db'))
    db.pragma(`user_version = ${String(STORE_FORMAT + 1)}`)
    db.close()
    expect(() => createEmbeddedTopicBackend({ stateDir: dir })).toThrow(`was written by a newer pipe (store format ${String(STORE_FORMAT + 1)}; this pipe reads ${String(STORE_FORMAT)}): run that pipe, or pass another --state-dir`)
  })
})
