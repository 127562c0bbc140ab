/** The fix to print under a FAILED connector's first trace line. */
export function failureHint(firstLine: string): string {
  if (/^ConfigProviderError: environment variable/.test(firstLine)) return 'set the variable in the environment of pipe run (see the message), then run again: pipe resumes from the committed offsets'
  if (/^(SqliteError: database or disk is full|StoreDiskFullError:)/.test(firstLine)) return "the embedded store's disk is full: free space on it, or pass a --state-dir on another disk, then run again: pipe resumes from the committed offsets"
  if (/ENOSPC/.test(firstLine)) return 'a disk the connector writes to is full: free space on it, then run again: pipe resumes from the committed offsets'
  if (/ENOENT/.test(firstLine)) return 'a file the connector needs does not exist: create it or fix the path in the pipeline, then run again'
  if (/EACCES|EPERM/.test(firstLine)) return 'the connector may not read or write a file: fix its permissions or the path, then run again'
  if (/ECONNREFUSED|ETIMEDOUT|ENOTFOUND/.test(firstLine)) return 'a server the connector talks to is not reachable: start it or fix its address, then run again'
  if (/Tolerance exceeded|ConnectException/i.test(firstLine)) return "a record could not be processed: fix the step or the data, or set errors: { tolerance: 'all', deadLetterTopic } on the connector"
  return 'fix the cause above and run again: pipe resumes from the committed offsets'
}
