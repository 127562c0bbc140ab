/** A task of a connector. */
export interface TaskId {
  readonly connector: string
  readonly task: number
}

/** What one worker runs. */
export interface WorkerShare {
  readonly connectors: readonly string[]
  readonly tasks: readonly TaskId[]
}

/**
 * Which connectors and tasks `member` runs, given the group's members (in the order the group
 * leader gave them) and each connector's committed task count: connectors round-robin over the
 * members in name order, then tasks round-robin in (connector, task) order, as Kafka Connect's
 * eager assignor. Every worker computes it from the same inputs, so all agree without a rebalance
 * when only connectors change.
 */
export function shareOf(member: string, members: readonly string[], taskCounts: ReadonlyMap<string, number>): WorkerShare {
  const index = members.indexOf(member)
  if (index < 0 || members.length === 0) return { connectors: [], tasks: [] }
  const names = [...taskCounts.keys()].sort()
  const connectors = names.filter((_, i) => i % members.length === index)
  const all = names.flatMap((connector) => Array.from({ length: taskCounts.get(connector) ?? 0 }, (_, task) => ({ connector, task })))
  return { connectors, tasks: all.filter((_, i) => i % members.length === index) }
}
