import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from './paths.js'

/**
 * `pnpm test:compat`: the compatibility subset on the previous Kafka line (3.9.1, Debezium 3.2.0.Final),
 * in an infra home of its own (.infra/compat-3.9.1) so it never meets the servers of the main suite.
 * The files' `// @servers` lines start Kafka and Connect 3.9.1 (fetched once, then cached) and stop them.
 */
export const compatVersion = '3.9.1'

export const compatFiles = [
  // the REST probe suite: pipe answers as Kafka Connect 4.4, and each probe knows what 3.9 answered
  'test/integration/worker/rest-probes.int.test.ts',
  'test/integration/worker/distributed-rest-probes.int.test.ts',
  // SMT parity, byte for byte, with the 3.9 worker
  'test/integration/runtime/smt-parity.int.test.ts',
  'test/integration/runtime/smt-parity-source.int.test.ts',
  // offsets portability both ways (pipe -> Kafka Connect -> pipe) through 3.9's offsets topic
  'test/integration/runtime/engine-offset-portability.int.test.ts',
  // crash safety of pipe run on a 3.9 broker: 3 SIGKILLs over 50,000 lines (the main suite: 10 over 200,000)
  'test/integration/runtime/crash-safety-kafka.int.test.ts',
]

const env = {
  ...process.env,
  PIPE_KAFKA_VERSION: compatVersion,
  PIPE_INFRA_HOME: process.env['PIPE_COMPAT_INFRA_HOME'] ?? join(repoRoot, '.infra', `compat-${compatVersion}`),
  PIPE_CRASH_KILLS: process.env['PIPE_CRASH_KILLS'] ?? '3',
  PIPE_CRASH_LINES: process.env['PIPE_CRASH_LINES'] ?? '50000',
}
console.log(`[compat] Kafka and Kafka Connect ${compatVersion} in ${env.PIPE_INFRA_HOME}: ${compatFiles.length} test files`)
const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')
const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'integration', ...compatFiles, ...process.argv.slice(2)], { cwd: repoRoot, env, stdio: 'inherit' })
process.exitCode = result.status ?? 1
