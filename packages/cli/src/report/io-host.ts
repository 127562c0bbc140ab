/** Where the CLI writes. Commands never touch process.stdout directly, so tests can capture output. */
export interface IoHost {
  out(text: string): void
  err(text: string): void
  readonly isInteractive: boolean
}

export function createIoHost(): IoHost {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isInteractive: process.stdout.isTTY,
  }
}

/** An IoHost that keeps what was written, for tests. */
export function createMemoryIoHost(): IoHost & { readonly stdout: string; readonly stderr: string } {
  let stdout = ''
  let stderr = ''
  return {
    out: (text) => { stdout += text },
    err: (text) => { stderr += text },
    isInteractive: false,
    get stdout() { return stdout },
    get stderr() { return stderr },
  }
}
