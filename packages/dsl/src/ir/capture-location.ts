import { fileURLToPath } from 'node:url'
import type { SourceLocation } from '../diagnostics.js'

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/
const OWN_FILE = /[/\\](?:packages[/\\]dsl|node_modules[/\\]@pipe[/\\]dsl)[/\\](?:src|dist)[/\\]/
const TEST_FILE = /\.(?:test|test-d|fixture)\.ts$/

function filePath(url: string): string {
  try {
    return fileURLToPath(url)
  } catch {
    return decodeURIComponent(url.slice('file://'.length))
  }
}

/** Parses one V8 stack line into a location. */
export function parseFrame(line: string): SourceLocation | undefined {
  const match = FRAME.exec(line.trim())
  if (match === null) return undefined
  const [, rawFile = '', lineNo = '0', column = '0'] = match
  const file = rawFile.startsWith('file://') ? filePath(rawFile) : rawFile
  return { file, line: Number(lineNo), column: Number(column) }
}

function isUserFrame(loc: SourceLocation): boolean {
  if (loc.file.startsWith('node:') || loc.file === 'native' || loc.file.startsWith('internal/')) return false
  return !OWN_FILE.test(loc.file) || TEST_FILE.test(loc.file)
}

/**
 * The location of the first stack frame outside `@pipe/dsl`: the user's call site.
 * (The CLI enables source maps, so frames point at the user's `.ts` file.)
 *
 * @example
 * ```ts
 * const loc = captureLocation() // { file: '/repo/pipelines/twitter.ts', line: 12, column: 11 }
 * ```
 */
export function captureLocation(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 50
  try {
    const lines = (new Error().stack ?? '').split('\n').slice(1)
    for (const line of lines) {
      const loc = parseFrame(line)
      if (loc !== undefined && isUserFrame(loc)) return Object.freeze(loc)
    }
    return undefined
  } finally {
    Error.stackTraceLimit = limit
  }
}
