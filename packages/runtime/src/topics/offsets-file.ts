import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { RuntimeError } from '../errors.js'
import { deserializeByteArrayMap, serializeByteArrayMap, type ByteArrayEntry } from '../java/java-serialized-map.js'

/**
 * Reads Kafka Connect's standalone offsets file (`offset.storage.file.filename`): a missing or empty
 * file holds no offsets, as for FileOffsetBackingStore; a file that is not one is an error naming it.
 */
export function readOffsetsFile(path: string): ByteArrayEntry[] {
  if (!existsSync(path)) return []
  const bytes = readFileSync(path)
  if (bytes.length === 0) return []
  try {
    return deserializeByteArrayMap(bytes)
  } catch (error) {
    throw new RuntimeError('PIPE_OFFSETS_FILE', `offset.storage.file.filename '${path}' is not a Kafka Connect offsets file (${error instanceof Error ? error.message : String(error)}): move it away or point offset.storage.file.filename at another file`)
  }
}

/** Writes the offsets file crash-safely: a temporary file beside it, fsync, rename over it, fsync of the folder. */
export function writeOffsetsFile(path: string, entries: readonly ByteArrayEntry[]): void {
  const temp = `${path}.tmp`
  const fd = openSync(temp, 'w')
  try {
    writeSync(fd, serializeByteArrayMap(entries))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
  const dir = openSync(dirname(path), 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}
