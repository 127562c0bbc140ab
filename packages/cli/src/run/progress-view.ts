import type { Snapshot } from './snapshot.js'

/** Where `pipe run` shows what it does: redrawn live on a terminal, log lines otherwise, nothing with --json (report/progress.ts). */
export interface ProgressView {
  update(snapshot: Snapshot): void
  /** An event line (start, stop, failure). */
  log(line: string): void
  /** A line of data from a console sink (stdout). */
  print(line: string): void
  close(final: Snapshot | undefined): void
}
