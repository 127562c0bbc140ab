import { mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined

/** A folder that cannot be made: which path failed and the system's reason (EACCES, ENOTDIR, ...). */
export class MakeDirectoryError extends Error {
  constructor(readonly path: string, readonly code: string, message: string) {
    super(message)
    this.name = 'MakeDirectoryError'
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'the file system refuses new entries there',
  ENOTDIR: 'it is a file, not a folder',
  EEXIST: 'it is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
}

/** The system's reason for `code` in words, e.g. 'permission denied (EACCES)'. */
export function fsReason(code: string | undefined): string {
  if (code === undefined) return 'unknown error'
  return `${REASONS[code] ?? 'error'} (${code})`
}

/**
 * `mkdir -p`: creates `dir` and its missing parents, one at a time. Node's own
 * `mkdir(dir, { recursive: true })` never returns for a path under /proc (mkdir there fails with
 * ENOENT while the parent exists, and Node retries forever); this fails with the path that could
 * not be made, and why.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = []
  for (let current = resolve(dir); ; current = dirname(current)) {
    let isDirectory: boolean | undefined
    try {
      isDirectory = (await stat(current)).isDirectory()
    } catch (error) {
      const code = codeOf(error)
      if (code === 'ENOTDIR') {
        missing.unshift(current)
        continue // a file further up: mkdir below names it
      }
      if (code !== 'ENOENT') throw new MakeDirectoryError(current, code ?? 'EIO', `cannot make folder '${current}': ${fsReason(code)}`)
    }
    if (isDirectory === true) break
    if (isDirectory === false) throw new MakeDirectoryError(current, 'ENOTDIR', `cannot make folder '${current}': ${fsReason('ENOTDIR')}`)
    missing.unshift(current)
    if (dirname(current) === current) break
  }
  for (const path of missing) {
    try {
      await mkdir(path)
    } catch (error) {
      const code = codeOf(error)
      if (code === 'EEXIST' && (await stat(path).then((s) => s.isDirectory(), () => false))) continue
      throw new MakeDirectoryError(path, code ?? 'EIO', `cannot make folder '${path}': ${fsReason(code)}`)
    }
  }
}
