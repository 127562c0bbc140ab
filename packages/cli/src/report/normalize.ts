import { isAbsolute, relative, sep } from 'node:path'
import type { Diagnostic } from '../diagnostic.js'
import { absoluteFile } from '../util/source-file.js'

/** A path as shown to the user: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const absolute = absoluteFile(file)
  if (!isAbsolute(absolute)) return absolute
  const shown = relative(cwd, absolute)
  return (shown === '' ? absolute : shown).split(sep).join('/')
}

const locationKey = (d: Diagnostic): string =>
  d.location === undefined ? '' : `${absoluteFile(d.location.file)}\u0000${String(d.location.line).padStart(8, '0')}\u0000${String(d.location.column).padStart(6, '0')}`

/**
 * Diagnostics in reading order (location-less first, then by file, line, column), with exact
 * duplicates removed: two steps may find the same problem.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}\u0000${d.message}\u0000${locationKey(d)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.sort((a, b) => locationKey(a).localeCompare(locationKey(b)))
}
