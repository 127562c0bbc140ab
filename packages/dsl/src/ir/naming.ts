import type { NodeId, SinkNode, SourceNode } from './nodes.js'
import type { PipelineIR } from './pipeline-ir.js'

/**
 * Connector names, stable and documented. For a pipeline named `P`:
 *
 * | connector | name |
 * |---|---|
 * | the only source | `P-source` |
 * | one of several sources (declaration order, from 1) | `P-source-1`, `P-source-2`, ... |
 * | the only sink | `P-sink` |
 * | one of several sinks, e.g. a fork | `P-sink-1`, `P-sink-2`, ... |
 * | topic-to-topic (`topic('a')....to(topic('b'))`) | `P-topic-to-topic`, or `P-topic-to-topic-<n>` |
 * | any connector given `{ name: 'x' }` in `source(c, {...})` / `.sink(c, {...})` | `P-x` |
 * | any connector given `{ connectorName: 'x' }` | `x` |
 *
 * Numbering counts only connectors without an explicit name, in the order the pipeline declares them.
 * Adding a second sink renames `P-sink` to `P-sink-1`: give sinks explicit names to keep names (and
 * sink offsets, stored in the consumer group `connect-<name>`) across such edits.
 *
 * @example
 * ```ts
 * connectorNames(ir).get(sinkNode.id) // 'orders-sink-2'
 * ```
 */
export function connectorNames(ir: PipelineIR): ReadonlyMap<NodeId, string> {
  const connectors = ir.nodes.filter((n): n is SourceNode | SinkNode => n.kind === 'source' || n.kind === 'sink')
  const categoryOf = (n: SourceNode | SinkNode): string => (n.kind === 'sink' && n.connector === 'topic-to-topic' ? 'topic-to-topic' : n.kind)
  const totals = new Map<string, number>()
  const named = (n: SourceNode | SinkNode): boolean => n.name !== undefined || n.connectorName !== undefined
  for (const n of connectors) {
    if (!named(n)) totals.set(categoryOf(n), (totals.get(categoryOf(n)) ?? 0) + 1)
  }
  const seen = new Map<string, number>()
  const names = new Map<NodeId, string>()
  for (const n of connectors) {
    const category = categoryOf(n)
    if (named(n)) {
      names.set(n.id, n.connectorName ?? `${ir.name}-${n.name ?? ''}`)
      continue
    }
    const index = (seen.get(category) ?? 0) + 1
    seen.set(category, index)
    names.set(n.id, (totals.get(category) ?? 0) > 1 ? `${ir.name}-${category}-${index}` : `${ir.name}-${category}`)
  }
  return names
}

/**
 * Whether a pipeline or connector-name suffix is valid: letters, digits, `.`, `_`, `-`, starting
 * with a letter or digit (safe in Kafka Connect names, consumer groups and file names).
 *
 * @example
 * ```ts
 * isValidName('tweets-v2') // true
 * ```
 */
export function isValidName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name)
}

/**
 * Whether a topic name is legal for Kafka (`[a-zA-Z0-9._-]`, at most 249 chars, not `.` or `..`).
 *
 * @example
 * ```ts
 * isValidTopicName('tweets') // true
 * ```
 */
export function isValidTopicName(name: string): boolean {
  return /^[a-zA-Z0-9._-]{1,249}$/.test(name) && name !== '.' && name !== '..'
}
