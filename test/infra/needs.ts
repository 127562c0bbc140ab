import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { repoRoot } from './paths.js'

export const requirementNames = ['kafka', 'connect', 'cassandra', 'postgres', 'postgres-logical', 'mariadb', 'kafka-secure', 'prometheus'] as const
export type Requirement = (typeof requirementNames)[number]

/** The servers a test file asks for in its first line: `// @servers kafka connect` (may be empty). */
export function requirementsOf(file: string): Requirement[] {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? ''
  const match = /^\/\/\s*@servers\b(.*)$/.exec(first)
  if (match === null) {
    throw new Error(`${relative(repoRoot, file)}: an integration test must start with \`// @servers <names>\` (any of ${requirementNames.join(', ')}, or none)`)
  }
  const names = (match[1] ?? '').trim().split(/[\s,]+/).filter((name) => name !== '')
  for (const name of names) {
    if (!(requirementNames as readonly string[]).includes(name)) {
      throw new Error(`${relative(repoRoot, file)}:1: unknown server '${name}': expected any of ${requirementNames.join(', ')}`)
    }
  }
  return names as Requirement[]
}

function listTests(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return listTests(path)
    return entry.endsWith('.int.test.ts') ? [path] : []
  })
}

// vitest options that take a separate value; everything else that is not an option is a file filter
const valued = new Set(['--project', '-t', '--testNamePattern', '--reporter', '-c', '--config', '-r', '--root', '--dir', '--shard', '--maxWorkers', '--outputFile', '--pool', '--environment', '--mode'])

/** The file filters given to vitest on its command line (substrings of test file paths). */
export function vitestFilters(argv: readonly string[]): string[] {
  const filters: string[] = []
  const start = argv.findIndex((arg) => arg === 'run' || arg === 'watch' || arg === 'related')
  for (let i = start >= 0 ? start + 1 : 2; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (valued.has(arg)) { i++; continue }
    if (!arg.startsWith('-')) filters.push(arg)
  }
  return filters
}

/** The servers needed by the integration test files this run selects. */
export function neededServers(argv: readonly string[]): { files: string[]; needs: Requirement[] } {
  const filters = vitestFilters(argv)
  // PIPE_INFRA_TESTS_DIR: another folder of integration tests (the harness's own interrupt test uses it)
  const all = listTests(resolve(repoRoot, process.env['PIPE_INFRA_TESTS_DIR'] ?? join('test', 'integration')))
  const files = filters.length === 0 ? all : all.filter((file) => filters.some((filter) => file.includes(filter) || relative(repoRoot, file).includes(filter)))
  const needs = new Set(files.flatMap(requirementsOf))
  return { files, needs: requirementNames.filter((name) => needs.has(name)) }
}
