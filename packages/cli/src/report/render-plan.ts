import type { ConfigChange, DeploymentPlan, PlanAction, PlanActionType } from '@pipe/dsl'

const SIGN: Readonly<Record<PlanActionType, string>> = { create: '+', update: '~', delete: '-', unchanged: '=', orphan: '?', unmanaged: ' ' }

const quote = (value: string): string => JSON.stringify(value)

function renderChange(change: ConfigChange): string {
  if (change.from === undefined) return `    + ${change.key} = ${quote(change.to ?? '')}`
  if (change.to === undefined) return `    - ${change.key} (was ${quote(change.from)})`
  return `    ~ ${change.key}: ${quote(change.from)} -> ${quote(change.to)}`
}

function headline(action: PlanAction): string {
  const about = [
    ...(action.pipeline === undefined ? [] : [`pipeline ${action.pipeline}`]),
    ...(action.state === undefined ? [] : [action.state]),
  ]
  const effects = [
    ...(action.restartsTasks ? ['restarts its tasks'] : []),
    ...(action.resetsOffsets ? [action.type === 'delete' ? 'its successor starts without its offsets' : 'moves or loses its offsets'] : []),
  ]
  const label = action.type === 'orphan' ? 'orphaned' : action.type
  return `${SIGN[action.type]} ${label} ${action.name}${about.length === 0 ? '' : ` (${about.join(', ')})`}${effects.length === 0 ? '' : `: ${effects.join(', ')}`}`
}

/** The plan as a person reads it: one headline per connector, then its changed keys and notes. */
export function renderPlan(plan: DeploymentPlan, url: string, skipped: readonly string[]): string {
  const lines = [`plan for Kafka Connect at ${url}`, '']
  for (const action of plan.actions) {
    lines.push(headline(action))
    if (action.type === 'create' || action.type === 'update') lines.push(...action.changes.map(renderChange))
    lines.push(...action.notes.map((note) => `    note: ${note}`))
  }
  if (plan.actions.length === 0) lines.push('no connectors declared or running')
  if (skipped.length > 0) lines.push('', `skipped (pipe runtime only): ${skipped.join(', ')}`)
  lines.push('', summaryLine(plan))
  return `${lines.join('\n')}\n`
}

/** `2 to create, 1 to update, 0 to delete, 3 unchanged (1 orphaned, 1 unmanaged)` or `no changes...`. */
export function summaryLine(plan: DeploymentPlan): string {
  const { summary } = plan
  const extra = [
    ...(summary.orphan > 0 ? [`${String(summary.orphan)} orphaned (pass --prune to delete)`] : []),
    ...(summary.unmanaged > 0 ? [`${String(summary.unmanaged)} unmanaged`] : []),
  ]
  const tail = extra.length === 0 ? '' : `; ${extra.join(', ')}`
  if (!plan.hasChanges) return `no changes: ${String(summary.unchanged)} unchanged${tail}`
  return `${String(summary.create)} to create, ${String(summary.update)} to update, ${String(summary.delete)} to delete, ${String(summary.unchanged)} unchanged${tail}`
}

/** The plan as data for `--json`. */
export function planJson(plan: DeploymentPlan, url: string, skipped: readonly string[]): Record<string, unknown> {
  return { connect: url, hasChanges: plan.hasChanges, summary: plan.summary, actions: plan.actions, skipped }
}
