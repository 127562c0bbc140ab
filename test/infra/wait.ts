import { existsSync, readFileSync } from 'node:fs'
import { isAlive } from './process.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 25): string {
  if (!existsSync(file)) return '(no log yet)'
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
}

/**
 * Polls `ready` until it resolves true. Fails early when the process died, or after `timeoutMs`,
 * with the end of its log and where the whole log is.
 */
export async function waitUntil(what: string, pid: number, logFile: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) throw new Error(`${what} exited during start-up; log ${logFile}:\n${tail(logFile)}`)
    if (await ready().catch(() => false)) return
    await sleep(250)
  }
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s; log ${logFile}:\n${tail(logFile)}`)
}

export const logContains = (file: string, text: string) => (): Promise<boolean> =>
  Promise.resolve(existsSync(file) && readFileSync(file, 'utf8').includes(text))
