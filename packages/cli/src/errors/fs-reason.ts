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
