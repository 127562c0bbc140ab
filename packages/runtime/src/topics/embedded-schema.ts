import type { Database } from 'better-sqlite3'
import { RuntimeError } from '../errors.js'
import type { MessageHeader, TopicMessage } from './topic-backend.js'

/**
 * The store format this code reads and writes (SQLite `user_version`): 3 keeps one row per produced batch (table
 * `batches`) whose records are in a segment file (`segment`, `position`, `length`, `crc`: see SegmentLog); 2 kept
 * them in the row (`records`), which format 3 still reads (a format-2 store only gets the columns); 1 (or 0: before
 * formats were numbered) kept one row per record (table `records`), which `migrateStore` converts.
 */
export const STORE_FORMAT = 3

/** The columns format 3 added to format 2's `batches`: where a batch's records are, and their CRC-32. */
const SEGMENT_COLUMNS = ['segment', 'position', 'length', 'crc'] as const

/** Creates the embedded store's tables (idempotent). */
export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS topics (
      name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, config TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS batches (
      topic TEXT NOT NULL, partition INTEGER NOT NULL, base_offset INTEGER NOT NULL, last_offset INTEGER NOT NULL,
      max_timestamp INTEGER NOT NULL, bytes INTEGER NOT NULL, records BLOB NOT NULL,
      segment INTEGER, position INTEGER, length INTEGER, crc INTEGER
    );
    CREATE UNIQUE INDEX IF NOT EXISTS batches_by_offset ON batches (topic, partition, last_offset);
    CREATE TABLE IF NOT EXISTS consumer_offsets (
      grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
      PRIMARY KEY (grp, topic, partition)
    );
    CREATE TABLE IF NOT EXISTS sink_checkpoints (
      grp TEXT NOT NULL, member INTEGER NOT NULL, data TEXT NOT NULL,
      PRIMARY KEY (grp, member)
    );
    CREATE TABLE IF NOT EXISTS source_offsets (
      connector TEXT NOT NULL, partition_key TEXT NOT NULL, offset TEXT NOT NULL,
      PRIMARY KEY (connector, partition_key)
    );
  `)
}

/** Whether `batches` has format 3's columns (a format-2 store read without a writer has not). */
export const hasSegmentColumns = (db: Database): boolean =>
  (db.pragma('table_info(batches)') as { name: string }[]).some((c) => c.name === 'segment')

/** Adds format 3's columns to a format-2 store's `batches` (its rows keep their records inline). */
export function addSegmentColumns(db: Database): void {
  if (hasSegmentColumns(db)) return
  db.transaction(() => { for (const c of SEGMENT_COLUMNS) db.exec(`ALTER TABLE batches ADD COLUMN ${c} INTEGER`) })()
}

const hasTable = (db: Database, name: string): boolean =>
  db.prepare<[string], { one: number }>("SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined

/** The columns of format 1's table: preparing this on another program's `records` table throws SQLite's "no such column". */
const OLD_ROWS = 'SELECT topic, partition, offset, key, value, headers, timestamp FROM records'

/**
 * Refuses a store this code cannot use, in one line: one written by a newer pipe, or (`readOnly`) one in the format
 * of an earlier pipe that only a writer may convert. Another program's database fails with SQLite's own error.
 * Returns whether the store holds format 1's records to convert.
 */
export function checkStoreFormat(db: Database, file: string, readOnly: boolean): boolean {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > STORE_FORMAT) {
    throw new RuntimeError('PIPE_STATE_DIR', `'${file}' was written by a newer pipe (store format ${String(version)}; this pipe reads ${String(STORE_FORMAT)}): run that pipe, or pass another --state-dir`)
  }
  if (!hasTable(db, 'records')) return false
  db.prepare(`${OLD_ROWS} LIMIT 0`)
  if (readOnly && !hasTable(db, 'batches')) {
    throw new RuntimeError('PIPE_STATE_DIR', `'${file}' holds the store format of an earlier pipe (a row per record): run \`pipe run\` on this --state-dir once to convert it, then read it`)
  }
  return true
}

type OldRow = [string, number, number, Buffer | null, Buffer | null, string | null, number]

function headersOf(text: string | null): readonly MessageHeader[] {
  if (text === null) return []
  return (JSON.parse(text) as [string, string | null][]).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value, 'base64') }))
}

/** Records per converted batch. */
const MIGRATE_BATCH = 1000

/**
 * Converts format 1 (a row per record) to batches of consecutive offsets, in one transaction: a crash meanwhile
 * leaves format 1 as it was, and the next open converts again. Nothing is lost: offsets, timestamps, keys, values
 * and headers stay as they were.
 */
export function migrateStore(db: Database, insert: (topic: string, partition: number, base: number, messages: TopicMessage[]) => void): void {
  const page = db.prepare<[string, number, number], OldRow>(`${OLD_ROWS} WHERE (topic, partition, offset) > (?, ?, ?) ORDER BY topic, partition, offset LIMIT ${String(MIGRATE_BATCH)}`).raw()
  db.transaction(() => {
    let after: [string, number, number] = ['', -1, -1]
    let run: { topic: string; partition: number; base: number; messages: TopicMessage[] } | undefined
    const flush = (): void => { if (run !== undefined && run.messages.length > 0) insert(run.topic, run.partition, run.base, run.messages); run = undefined }
    for (let rows = page.all(...after); rows.length > 0; rows = page.all(...after)) {
      for (const [topic, partition, offset, key, value, headers, timestamp] of rows) {
        if (run?.topic !== topic || run.partition !== partition || run.base + run.messages.length !== offset || run.messages.length >= MIGRATE_BATCH) {
          flush()
          run = { topic, partition, base: offset, messages: [] }
        }
        run.messages.push({ topic, partition, key, value, headers: headersOf(headers), timestamp })
        after = [topic, partition, offset]
      }
    }
    flush()
    db.exec('DROP TABLE records')
    db.pragma(`user_version = ${String(STORE_FORMAT)}`)
  })()
}
