import { relative } from 'node:path'
import type { Reporter, SerializedError, TestModule } from 'vitest/node'

const SLOWEST = 15

/**
 * Ends a run with the slowest test files (where CI's time goes) and one plain line,
 * `tests: N passed, N failed[, N skipped]`, that any CI reads, beside vitest's own summary. A file that failed outside its tests (a hook, an import) and every
 * unhandled error count as one failure each, so the line never reads "0 failed" on a red run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      let failedHere = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failedHere++
        else skipped++
      }
      failed += module.state() === 'failed' && failedHere === 0 ? 1 : failedHere
    }
    const slowest = [...testModules].map((m) => ({ file: relative(process.cwd(), m.moduleId), project: m.project.name, ms: m.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms).slice(0, SLOWEST)
    if (slowest.length > 1) {
      process.stdout.write(`\nslowest test files (tests and hooks):\n${slowest.map((m) => `  ${(m.ms / 1000).toFixed(1).padStart(7)} s  ${m.project}  ${m.file}`).join('\n')}\n`)
    }
    process.stdout.write(`\ntests: ${String(passed)} passed, ${String(failed)} failed${skipped > 0 ? `, ${String(skipped)} skipped` : ''}\n`)
  }
}
