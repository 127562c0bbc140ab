import type { ApplyOutcome } from '../deploy/apply-plan.js'

const indent = (text: string): string => text.split('\n').map((line) => `      ${line}`).join('\n')

/** What a deploy did: one line per connector, FAILED instances with the first lines of their traces. */
export function renderApplied(outcome: ApplyOutcome): string {
  const lines: string[] = []
  for (const applied of outcome.applied) {
    const state = applied.state === undefined ? '' : `, ${applied.timedOut === true ? 'still ' : ''}${applied.state}`
    if (applied.error !== undefined) {
      lines.push(`rejected ${applied.name}: ${applied.error}`)
      continue
    }
    lines.push(`${applied.action} ${applied.name}${applied.failures.length > 0 ? ', FAILED' : state}`)
    for (const failure of applied.failures) {
      lines.push(`    ${failure.task === undefined ? 'connector' : `task ${String(failure.task)}`} FAILED:`, indent(failure.trace))
    }
  }
  const count = (action: string): number => outcome.applied.filter((a) => a.action === action).length
  const failed = outcome.applied.filter((a) => a.failures.length > 0 || a.timedOut === true || a.action === 'rejected').map((a) => a.name)
  lines.push(`deployed: ${String(count('created'))} created, ${String(count('updated'))} updated, ${String(count('deleted'))} deleted` +
    (failed.length === 0 ? '' : `; not running: ${failed.join(', ')} (see \`pipe status <name>\`)`))
  return `${lines.join('\n')}\n`
}
