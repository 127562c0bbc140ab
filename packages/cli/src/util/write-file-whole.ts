import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `text` to `path` whole or not at all: into a hidden temporary file beside it, then renamed over
 * it. A Ctrl-C or a crash in the middle leaves the old file (or none), never a cut-off one that a later
 * run would take for finished work; a failed write removes its temporary file.
 *
 * @example
 * await writeFileWhole('pipelines/orders.ts', text)
 */
export async function writeFileWhole(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${String(process.pid)}.tmp`)
  try {
    await writeFile(temporary, text)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
