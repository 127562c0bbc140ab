import { RuntimeError } from '../../errors.js'

const REASONS: Readonly<Record<string, string>> = {
  EISDIR: "it is a directory; fix: set 'file' to a file path",
  EACCES: "permission denied; fix: let pipe write there (permissions, read-only file system) or set 'file' elsewhere",
  EPERM: "permission denied; fix: let pipe write there (permissions, immutable file) or set 'file' elsewhere",
  EROFS: "the file system is read-only; fix: set 'file' to a writable place",
  ENOTDIR: "a part of its path is a file, not a directory; fix: set 'file' to a path under a directory",
  EEXIST: "a part of its path is a file, not a directory; fix: set 'file' to a path under a directory",
  ENOENT: "its directory does not exist; fix: create the directory or fix 'file'",
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : ''
}

/** The error for a FileStream sink file pipe cannot open or create: one line that names the path, the cause and the fix. */
export function sinkFileError(file: string, error: unknown): RuntimeError {
  const code = codeOf(error)
  const reason = REASONS[code] ?? `${code === '' ? String(error) : code}; fix: check the path and its permissions`
  return new RuntimeError('PIPE_FILE_SINK_UNWRITABLE', `cannot write the file sink's file '${file}': ${reason}`, { cause: error })
}
