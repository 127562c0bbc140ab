import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { makeDirectory, MakeDirectoryError } from '../util/make-directory.js'

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
 * The fallback when node_modules/.pipe-temp cannot be written (a read-only or root-owned
 * node_modules): a hidden file beside the pipeline file, where the project's packages resolve the same way.
 */
export function besideEntryPath(entry: string, tempPath: string): string {
  return join(dirname(entry), `.${basename(tempPath)}`)
}

/** The temporary bundle could not be written anywhere the project's packages resolve. */
export class BundleWriteError extends Error {
  constructor(readonly attempts: readonly { readonly path: string; readonly code: string }[]) {
    super(`cannot write the temporary bundle: ${attempts.map((a) => `${a.path} (${a.code})`).join(', ')}`)
    this.name = 'BundleWriteError'
  }
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'EIO'

/** Creates an empty file at the first of `paths` that can be written (its folder made when missing); returns that path. */
export async function claimBundlePath(paths: readonly string[]): Promise<string> {
  const attempts: { path: string; code: string }[] = []
  for (const path of paths) {
    try {
      await makeDirectory(dirname(path))
      await writeFile(path, '', { flag: 'wx' })
      return path
    } catch (error) {
      attempts.push({ path: error instanceof MakeDirectoryError ? error.path : path, code: error instanceof MakeDirectoryError ? error.code : codeOf(error) })
    }
  }
  throw new BundleWriteError(attempts)
}

/**
 * Imports bundled code from a temporary .mjs file (claimed by `claimBundlePath`) that is deleted
 * afterwards, also on failure. Source maps are enabled first so that errors thrown while loading
 * name the user's file:line.
 */
export async function importBundle(code: string, path: string): Promise<Record<string, unknown>> {
  process.setSourceMapsEnabled(true)
  try {
    await writeFile(path, code)
    const namespace: unknown = await import(pathToFileURL(path).href)
    return namespace as Record<string, unknown> // a module namespace object is always an object
  } finally {
    await rm(path, { force: true })
  }
}
