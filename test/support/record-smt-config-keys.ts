import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtinTransforms } from '../../packages/runtime/src/transforms/builtin-transforms.js'

/**
 * Writes packages/runtime/src/worker/smt-config-keys.ts: the ConfigDef (`GET /connector-plugins/{class}/config`)
 * of every SMT and predicate pipe's worker lists, as Apache Kafka Connect answers for the same class, so that
 * `pipe plugins pull` against `pipe worker` reads what it reads from Kafka Connect. Run it against the test worker:
 *
 *   pnpm infra up kafka connect && npx tsx test/support/record-smt-config-keys.ts http://127.0.0.1:8083
 */
async function record(url: string): Promise<void> {
  const sets = builtinTransforms
  const classes = [...Object.keys(sets.transforms ?? {}), ...Object.keys(sets.predicates ?? {})].filter((name) => name.includes('.')).sort()
  const version = ((await (await fetch(`${url}/`)).json()) as { version: string }).version
  const entries: string[] = []
  for (const className of classes) {
    const response = await fetch(`${url}/connector-plugins/${encodeURIComponent(className)}/config`)
    if (!response.ok) throw new Error(`${className}: ${String(response.status)} ${await response.text()}`)
    const keys = (await response.json()) as unknown[]
    entries.push(`  ${JSON.stringify(className)}: [\n${keys.map((key) => `    ${JSON.stringify(key)},`).join('\n')}\n  ],`)
  }
  const text = [
    "import type { ConfigKeyInfo } from './config-defs.js'",
    '',
    '/**',
    ` * The ConfigDef of each built-in SMT and predicate, as Apache Kafka Connect ${version} answers`,
    ' * `GET /connector-plugins/{class}/config` (written by test/support/record-smt-config-keys.ts; do not edit).',
    ' *',
    ' * @example',
    ' * ```ts',
    " * SMT_CONFIG_KEYS['org.apache.kafka.connect.transforms.RegexRouter']?.map((key) => key.name) // ['regex', 'replacement']",
    ' * ```',
    ' */',
    'export const SMT_CONFIG_KEYS: Readonly<Record<string, readonly ConfigKeyInfo[]>> = {',
    ...entries,
    '}',
    '',
  ].join('\n')
  const file = join(import.meta.dirname, '../../packages/runtime/src/worker/smt-config-keys.ts')
  writeFileSync(file, text)
  process.stdout.write(`wrote the ConfigDefs of ${String(classes.length)} SMTs and predicates into ${file}\n`)
}

await record(process.argv[2] ?? 'http://127.0.0.1:8083')
