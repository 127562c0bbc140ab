import { mkdir } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import type { RunOutputs } from '../report/run-outcome.js'
import { shellQuote } from '../report/shell-quote.js'
import type { RunPlan } from './load-run-pipelines.js'
import type { Target } from './run-options.js'

const FILE_SINK = /FileStreamSink(Connector)?$/

const sinkFiles = (plan: RunPlan, cwd: string): string[] =>
  plan.connectors.flatMap((c) => {
    const file = c.config['file']
    return FILE_SINK.test(c.config['connector.class'] ?? '') && file !== undefined && file !== '' ? [resolve(cwd, file)] : []
  })

/** Creates the folders file sinks write into (a fresh checkout has no build/). */
export async function prepareOutputs(plan: RunPlan, cwd: string): Promise<void> {
  for (const file of sinkFiles(plan, cwd)) await mkdir(dirname(file), { recursive: true })
}

/** The files a plan's file sinks write and the topics it uses, and how `pipe consume` reaches them. */
export function runOutputs(plan: RunPlan, target: Target, cwd: string): RunOutputs {
  const files = sinkFiles(plan, cwd).map((file) => relative(cwd, file))
  const topics = [...new Set(plan.topics.map((t) => t.name))]
  // shell-quoted: users paste it (a state dir may hold spaces or quotes)
  const consumeArgs = target.kind === 'kafka' ? ` --bootstrap-servers ${shellQuote(target.brokers.join(','))}` : target.stateDir === '.pipe' ? '' : ` --state-dir ${shellQuote(target.stateDir)}`
  return { files, topics, consumeArgs }
}
