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
  return frames().find(isUserFrame)
}

function frames(): SourceLocation[] {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 50
  try {
    // drop 'Error' and this function's own frame
    const lines = (new Error().stack ?? '').split('\n').slice(2)
    return lines.flatMap((line) => {
      const loc = parseFrame(line)
      return loc === undefined ? [] : [Object.freeze(loc)]
    })
  } finally {
    Error.stackTraceLimit = limit
  }
}

const DEPENDENCY = /[/\\]node_modules[/\\]/

/**
 * Where the user called a factory that was written outside `@pipe/dsl` (a connector module of the
 * user's repo, a pulled module, an npm package): the factory's caller, unless that is in
 * node_modules; for a factory of `@pipe/dsl` itself, {@link captureLocation}.
 *
 * @example
 * ```ts
 * // connectors/es.ts: export const es = (o) => sinkRef(esDefinition, o)  -> the line of es({...}) in the pipeline
 * const loc = captureFactoryCallLocation(2) // called by connectorRef, called by sourceRef, called by the factory
 * ```
 */
export function captureFactoryCallLocation(depth: number): SourceLocation | undefined {
  const all = frames()
  // all[0] is this function, all[1] its caller; the factory is `depth` frames above the caller
  const factory = all[1 + depth]
  const users = all.filter(isUserFrame)
  // a factory of @pipe/dsl itself: its caller is the user's call
  if (factory === undefined || !isUserFrame(factory)) return users[0]
  // the factory's caller: the pipeline's line (or, for a factory called by a helper, the helper's)
  const caller = users[users.indexOf(factory) + 1]
  return caller === undefined || DEPENDENCY.test(caller.file) ? factory : caller
}
