import { PIPE_CONNECTOR_CLASSES } from '@pipe/dsl/contract'
import type { ConnectMap, ConnectValue } from '../../records/connect-value.js'
import type { PolledRecord, SourcePartition } from '../../records/connect-record.js'
import type { PluginSet } from '../../tasks/connector-registry.js'
import type { SourceConnector, SourceTask } from '../../tasks/source-task.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { maxId } from './backfill.js'
import { silentLogger, type ConnectorLogger } from './logger.js'
import { ownerTag, userTagOf } from './rule-diff.js'
import { syncRules } from './rule-sync.js'
import type { TweetMessage } from './stream-parser.js'
import { TweetStream, type TweetStreamStatus } from './tweet-stream.js'
import { TwitterClient, type FetchLike } from './twitter-client.js'
import { parseTwitterSourceConfig, type TwitterSourceConfig } from './twitter-source-config.js'

/** The class name pipelines compile the twitter source to (runs on the pipe runtime only). */
export const TWITTER_SOURCE_CLASS = PIPE_CONNECTOR_CLASSES['twitter-source']

export interface TwitterSourceDeps {
  readonly fetch?: FetchLike
  readonly logger?: ConnectorLogger
  /** how long `poll` waits for the first tweet before returning an empty batch; @default 500 */
  readonly pollWaitMs?: number
}

export interface TwitterSourceTask extends SourceTask {
  /** what the stream is doing (connecting, backing off, ...), for the task's status */
  status(): TweetStreamStatus | undefined
}

interface Running {
  readonly config: TwitterSourceConfig
  readonly stream: TweetStream
  readonly partition: SourcePartition
  readonly owner: string
  lastId: string | undefined
}

/**
 * The twitter source task: partition `{ stream: 'filtered' | 'sample' }`, offset
 * `{ since_id: '<last tweet id>' }`, key the tweet id, value the tweet (requested fields,
 * plus `includes` and `matching_rules` with the pipeline's tags when present).
 */
export function createTwitterSourceTask(deps: TwitterSourceDeps = {}): TwitterSourceTask {
  const logger = deps.logger ?? silentLogger
  let running: Running | undefined
  return {
    async start(context: SourceTaskContext) {
      const config = parseTwitterSourceConfig(context.config)
      const partition = { stream: config.stream }
      const committed = await context.offsets.offset(partition)
      const since = committed?.['since_id']
      const sinceId = typeof since === 'string' && /^\d+$/.test(since) ? since : undefined
      const owner = ownerTag(config.ruleTag, context.connectorName)
      const stream = openStream(config, sinceId, owner, logger, deps.fetch)
      running = { config, stream, partition, owner, lastId: sinceId }
      context.signal.addEventListener('abort', () => void stream.stop(), { once: true })
      stream.start()
      logger.info(`twitter source: ${config.stream} stream from ${config.apiUrl}${sinceId === undefined ? '' : `, resuming after ${sinceId}`}`)
    },
    async poll(): Promise<PolledRecord[]> {
      if (running === undefined) return []
      const r = running
      const messages = await r.stream.take(r.config.batchSize, deps.pollWaitMs ?? 500)
      return messages.map((m) => {
        r.lastId = maxId(r.lastId, m.data.id)
        return toRecord(m, r, r.lastId)
      })
    },
    async stop() {
      await running?.stream.stop()
    },
    status: () => running?.stream.status(),
    problem: () => problemOf(running?.stream.status()),
  }
}

/** While the stream reconnects after a failure: what failed, for the task's status. */
export function problemOf(status: TweetStreamStatus | undefined): string | undefined {
  if (status === undefined || status.lastError === undefined) return undefined
  if (status.state !== 'backing-off' && status.state !== 'connecting') return undefined
  return `twitter stream ${status.state === 'connecting' ? 'reconnecting' : 'backing off'} after: ${status.lastError}`
}

function openStream(
  config: TwitterSourceConfig,
  sinceId: string | undefined,
  owner: string,
  logger: ConnectorLogger,
  fetch: FetchLike | undefined,
): TweetStream {
  const client = new TwitterClient({ baseUrl: config.apiUrl, bearerToken: config.bearerToken, ...(fetch === undefined ? {} : { fetch }) })
  return new TweetStream({
    client,
    kind: config.stream,
    fields: config,
    rules: config.rules,
    backfill: config.backfill,
    sinceId,
    stallTimeoutMs: config.stallTimeoutMs,
    backoff: config.backoff,
    maxBuffered: config.maxBufferedTweets,
    logger,
    ...(config.stream === 'filtered' ? { prepare: (signal: AbortSignal) => syncRules(client, config.rules, owner, logger, signal) } : {}),
  })
}

function toRecord(message: TweetMessage, r: Running, lastId: string): PolledRecord {
  const value: Record<string, ConnectValue> = { ...(message.data as ConnectMap) }
  if (message.includes !== undefined) value['includes'] = message.includes as ConnectMap
  if (message.matching_rules !== undefined) {
    value['matching_rules'] = message.matching_rules.map((m) => {
      const tag = userTagOf(m.tag, r.owner)
      return tag === undefined ? { id: m.id } : { id: m.id, tag }
    })
  }
  const created = typeof message.data['created_at'] === 'string' ? Date.parse(message.data['created_at']) : Number.NaN
  return {
    sourcePartition: r.partition,
    sourceOffset: { since_id: lastId },
    ...(r.config.topic === undefined ? {} : { topic: r.config.topic }),
    key: message.data.id,
    value,
    ...(Number.isNaN(created) ? {} : { timestamp: created }),
  }
}

/** The `pipe:twitter-source` connector plugin: one task (a stream allows one connection). */
export function createTwitterSourceConnector(deps: TwitterSourceDeps = {}): SourceConnector {
  return {
    type: 'source',
    validate(config: ConnectorConfig) {
      try {
        parseTwitterSourceConfig(config, { allowPlaceholders: true })
        return []
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)]
      }
    },
    taskConfigs: (config) => [config],
    createTask: () => createTwitterSourceTask(deps),
  }
}

/** The plugin set to register: `registry.with(twitterPlugins({ logger }))`. */
export function twitterPlugins(deps: TwitterSourceDeps = {}): PluginSet {
  return { connectors: { [TWITTER_SOURCE_CLASS]: createTwitterSourceConnector(deps) } }
}
