import type { Database } from 'better-sqlite3'

/** Creates the embedded store's tables (idempotent). */
export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS topics (
      name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, config TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS records (
      topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
      key BLOB, value BLOB, headers TEXT, timestamp INTEGER NOT NULL,
      PRIMARY KEY (topic, partition, offset)
    ) WITHOUT ROWID;
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

/** A record row as stored. */
export interface RecordRow {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: string | null
  readonly timestamp: number
}
