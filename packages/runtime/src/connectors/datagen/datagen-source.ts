import type { PolledRecord } from '../../records/connect-record.js'
import type { SourceConnector, SourceTask } from '../../tasks/source-task.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { PRESETS, seededRandom } from './presets.js'

const BATCH = 1000

class DatagenSourceTask implements SourceTask {
  #preset = 'orders'
  #topic = ''
  #seed = 0
  #intervalMs = 0
  #max = Infinity
  #next = 0
  #lastEmit = 0
  #context: SourceTaskContext | undefined

  async start(context: SourceTaskContext): Promise<void> {
    const c = context.config
    this.#context = context
    this.#preset = c['preset'] ?? 'orders'
    this.#topic = c['topic'] ?? ''
    this.#seed = Number(c['seed'] ?? '0')
    this.#intervalMs = Number(c['interval.ms'] ?? '0')
    this.#max = c['max.records'] === undefined ? Infinity : Number(c['max.records'])
    const offset = await context.offsets.offset({ preset: this.#preset, seed: this.#seed })
    const count = offset?.['count']
    this.#next = typeof count === 'number' ? count : 0
    this.#lastEmit = context.clock.now() - this.#intervalMs
  }

  async poll(): Promise<readonly PolledRecord[]> {
    const now = this.#context?.clock.now() ?? 0
    const due = this.#intervalMs <= 0 ? BATCH : Math.min(BATCH, Math.floor((now - this.#lastEmit) / this.#intervalMs))
    const count = Math.max(0, Math.min(due, this.#max - this.#next))
    if (count === 0) {
      if (this.#intervalMs > 0 && this.#next < this.#max) await sleep(Math.min(this.#intervalMs, 100))
      return []
    }
    this.#lastEmit = this.#intervalMs <= 0 ? now : this.#lastEmit + count * this.#intervalMs
    const generate = PRESETS[this.#preset]
    const out: PolledRecord[] = []
    for (let i = 0; i < count && generate !== undefined; i++, this.#next++) {
      const value = generate(seededRandom(this.#seed * 1_000_003 + this.#next), this.#next)
      out.push({ sourcePartition: { preset: this.#preset, seed: this.#seed }, sourceOffset: { count: this.#next + 1 }, topic: this.#topic, value })
    }
    return Promise.resolve(out)
  }

  stop(): Promise<void> {
    return Promise.resolve()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function validate(config: ConnectorConfig): string[] {
  const problems: string[] = []
  const preset = config['preset'] ?? 'orders'
  if (!Object.hasOwn(PRESETS, preset)) problems.push(`unknown preset '${preset}' (expected one of ${Object.keys(PRESETS).join(', ')})`)
  if (config['topic'] === undefined) problems.push("'topic' is required")
  for (const key of ['interval.ms', 'max.records', 'seed']) {
    const raw = config[key]
    if (raw !== undefined && !Number.isInteger(Number(raw))) problems.push(`'${key}' must be an integer, got '${raw}'`)
  }
  return problems
}

/**
 * `pipe:datagen-source`: seeded sample records (`preset` orders | users | pageviews) on `topic`,
 * one every `interval.ms` (0 = as fast as possible), up to `max.records` (default endless).
 * Resumes from its committed count; record n is the same for the same seed.
 */
export const datagenSourceConnector: SourceConnector = {
  type: 'source',
  validate,
  taskConfigs: (config) => [config],
  createTask: () => new DatagenSourceTask(),
}
