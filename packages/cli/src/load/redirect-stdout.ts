/**
 * Runs `work` with the process's stdout writes sent to stderr: what pipeline files print while they
 * load (a stray console.log) must not mix into the command's own output, e.g. `--json` on stdout.
 */
export async function withStdoutToStderr<T>(work: () => Promise<T>): Promise<T> {
  const stdout = process.stdout
  const write = stdout.write.bind(stdout)
  stdout.write = process.stderr.write.bind(process.stderr)
  try {
    return await work()
  } finally {
    stdout.write = write
  }
}
