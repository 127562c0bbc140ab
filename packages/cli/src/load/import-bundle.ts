import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The folder of the nearest package.json above `file` (the user's project), else `fallback`. */
export function findProjectRoot(file: string, fallback: string): string {
  let dir = dirname(file)
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return fallback
    dir = parent
  }
}

/** Where the bundle of `entry` is written for import(): inside the project, so its packages resolve. */
export function tempModulePath(entry: string, cwd: string): string {
  const root = findProjectRoot(entry, cwd)
  const unique = `${String(process.pid)}-${randomBytes(4).toString('hex')}`
  return join(root, 'node_modules', '.pipe-temp', `${basename(entry).replace(/\.[^.]+$/, '')}.${unique}.mjs`)
}

/**
 * Imports bundled code from a temporary .mjs file that is deleted afterwards, also on failure.
 * Source maps are enabled first so that errors thrown while loading name the user's file:line.
 */
export async function importBundle(code: string, path: string): Promise<Record<string, unknown>> {
  process.setSourceMapsEnabled(true)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, code)
  try {
    const namespace: unknown = await import(pathToFileURL(path).href)
    return namespace as Record<string, unknown> // a module namespace object is always an object
  } finally {
    await rm(path, { force: true })
  }
}
