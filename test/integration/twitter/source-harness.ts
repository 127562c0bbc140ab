import type { ConnectorConfig, PolledRecord, SourceOffset } from '../../../packages/runtime/src/index.js'
import { createTwitterSourceTask, type TwitterSourceTask } from '../../../packages/runtime/src/connectors/twitter/index.js'
import { startTwitterApi, type Scenario, type TwitterApiServer } from '../../twitter-api/index.js'

/** Drives the twitter source task against the local Twitter API server, as the engine would. */

export const TOKEN = 'test-bearer-AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid'

/** Backoff and stall settings small enough for tests; the schedule's shape is unchanged. */
export const FAST: ConnectorConfig = {
  'backoff.network.step.ms': '10',
  'backoff.network.max.ms': '200',
  'backoff.http.initial.ms': '20',
  'backoff.http.max.ms': '500',
  'backoff.ratelimit.initial.ms': '50',
  'backoff.ratelimit.max.ms': '2500',
  'stall.timeout.ms': '600',
}

export function sourceConfig(api: TwitterApiServer, extra: ConnectorConfig = {}): ConnectorConfig {
  return {
    'connector.class': 'pipe:twitter-source',
    'bearer.token': TOKEN,
    'api.url': api.url,
    rules: JSON.stringify(['kafka lang:en', { value: 'cassandra', tag: 'db' }]),
    'tweet.fields': 'id,text,author_id,created_at,lang',
    topic: 'tweets',
    ...FAST,
    ...extra,
  }
}

export interface Logged {
  readonly lines: string[]
  readonly logger: { info(m: string): void; warn(m: string): void; error(m: string): void }
}

export function captureLog(): Logged {
  const lines: string[] = []
  return { lines, logger: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) } }
}

export interface RunningSource {
  readonly task: TwitterSourceTask
  readonly records: PolledRecord[]
  readonly stop: () => Promise<void>
}

/** Starts a task with `committed` as its stored offset; polls until `until` or `timeoutMs`. */
export async function runSource(
  config: ConnectorConfig,
  options: { committed?: SourceOffset; logged?: Logged; until: (records: readonly PolledRecord[]) => boolean; timeoutMs: number },
): Promise<RunningSource> {
  const task = createTwitterSourceTask({ logger: (options.logged ?? captureLog()).logger, pollWaitMs: 50 })
  const abort = new AbortController()
  await task.start({
    connectorName: 'twitter-test',
    taskId: 0,
    config,
    clock: { now: () => Date.now() },
    signal: abort.signal,
    offsets: { offset: () => Promise.resolve(options.committed ?? null) },
  })
  const records: PolledRecord[] = []
  const deadline = Date.now() + options.timeoutMs
  const stop = async (): Promise<void> => {
    abort.abort()
    await task.stop()
  }
  try {
    while (!options.until(records) && Date.now() < deadline) records.push(...(await task.poll()))
  } catch (error) {
    await stop()
    throw error
  }
  return { task, records, stop }
}

export function idsOf(records: readonly PolledRecord[]): string[] {
  return records.map((r) => (typeof r.key === 'string' ? r.key : ''))
}

export { startTwitterApi, type Scenario }
