import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A location's file as an absolute path (the dsl may give a file: URL taken from a stack trace). */
export function absoluteFile(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file) : file
}

/** Reads source files once per report (several diagnostics often point into one file). */
export type SourceReader = (file: string) => readonly string[] | undefined

export function createSourceReader(): SourceReader {
  const cache = new Map<string, readonly string[] | undefined>()
  return (file) => {
    if (!cache.has(file)) {
      let lines: readonly string[] | undefined
      try {
        lines = readFileSync(file, 'utf8').split(/\r?\n/)
      } catch {
        lines = undefined
      }
      cache.set(file, lines)
    }
    return cache.get(file)
  }
}
