import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { repoRoot } from './run-pipe.js'

/** A broken pipeline fixture: what to check, and the diagnostic it must yield where. */
export interface BrokenFixture {
  /** The file or folder given to `pipe check`, relative to the repository root. */
  readonly target: string
  /** The file the diagnostic must point at, relative to the repository root. */
  readonly file: string
  readonly code: string
  readonly line: number
}

export const brokenDir = join(repoRoot, 'test', 'fixtures', 'broken')

const EXPECT = /^\/\/ expect: (PIPE_[A-Z_]+) @ (\d+)\s*$/m

function expectation(path: string): { code: string; line: number } | undefined {
  const match = EXPECT.exec(readFileSync(path, 'utf8'))
  return match === null ? undefined : { code: match[1] ?? '', line: Number(match[2]) }
}

/**
 * Every fixture of test/fixtures/broken: a `.ts` file, or a folder (checked as a whole, for problems
 * across files) one of whose files says what it expects, in a comment `// expect: CODE @ LINE`.
 */
export function brokenFixtures(): BrokenFixture[] {
  const fixtures: BrokenFixture[] = []
  for (const name of readdirSync(brokenDir).sort()) {
    const path = join(brokenDir, name)
    const files = statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => f.endsWith('.ts')).sort().map((f) => join(path, f))
      : name.endsWith('.ts') ? [path] : []
    const found = files.map((file) => ({ file, expected: expectation(file) })).find((f) => f.expected !== undefined)
    if (files.length === 0) continue
    if (found?.expected === undefined) throw new Error(`fixture ${name} has no '// expect: CODE @ LINE' comment`)
    fixtures.push({ target: relative(repoRoot, path), file: relative(repoRoot, found.file), ...found.expected })
  }
  return fixtures
}
