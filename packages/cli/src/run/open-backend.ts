import { createEmbeddedTopicBackend, createKafkaTopicBackend, createKafkajsClient, RuntimeError, type TopicBackend } from '@pipe/runtime'
import { makeDirectory } from '../util/make-directory.js'
import { storeError } from '../errors/known-error.js'
import { assertBrokerReachable } from './broker-probe.js'
import { assertKafkaAccess } from './kafka-access.js'
import { assertTlsBroker } from './tls-probe.js'
import type { Target } from './run-options.js'
import { UserError } from '../errors/user-error.js'

/** How long to wait for the first TCP connection to a broker. */
export const BROKER_TIMEOUT_MS = 10_000

/** How a command uses the embedded store: as its only writer (locked, `owner` named to others), or to read beside one. */
export interface StoreAccess {
  readonly readOnly?: boolean
  /** e.g. `pipe run pipelines/x.ts`: what a second process refused on this state directory is told. */
  readonly owner?: string
}

async function openEmbedded(stateDir: string, access: StoreAccess): Promise<TopicBackend> {
  try {
    // made here, not by the store's recursive mkdir: that one never returns for a path under /proc
    if (access.readOnly !== true) await makeDirectory(stateDir)
    return createEmbeddedTopicBackend({ stateDir, ...access })
  } catch (error) {
    if (error instanceof RuntimeError && error.code === 'PIPE_STATE_DIR_IN_USE') {
      throw new UserError(error.code, error.message, 'stop that process first (Ctrl-C there), or pass another --state-dir')
    }
    const known = storeError(stateDir, error)
    if (known !== undefined) throw new UserError(known.code, known.message, known.hint)
    const why = error instanceof Error ? error.message : String(error)
    throw new UserError('PIPE_STATE_DIR', `cannot open the state directory '${stateDir}': ${why}`, access.readOnly === true ? 'pass the --state-dir of a pipe run' : 'pass a writable --state-dir')
  }
}

/**
 * The brokers of a Kafka target that answer: a Kafka request in plaintext, or (SSL, SASL_SSL) a TLS
 * handshake whose certificate is trusted and names the host, then a Kafka request.
 */
export async function reachableBrokers(target: Extract<Target, { kind: 'kafka' }>): Promise<readonly string[]> {
  const tls = target.client?.security.tls
  if (tls === undefined) {
    try {
      return await assertBrokerReachable(target.brokers, BROKER_TIMEOUT_MS)
    } catch (error) {
      // a TLS listener reached in plaintext: the client config's security.protocol is the thing to fix
      if (target.client !== undefined && UserError.is(error) && error.message.includes('it answers TLS')) {
        throw new UserError(error.code, error.message, `set security.protocol=SSL or SASL_SSL in ${target.client.file} (it says ${target.client.summary})`)
      }
      throw error
    }
  }
  const first = target.brokers[0] ?? ''
  await assertTlsBroker(first, tls, BROKER_TIMEOUT_MS)
  return target.brokers
}

/** On Kafka: where source offsets go instead of the offsets topic (a standalone worker's file), and how often. */
export interface KafkaOffsets {
  readonly file?: string
  readonly flushIntervalMs?: number
}

/** The topic backend of a target: the embedded store (created on first use) or a Kafka cluster. */
export async function openBackend(target: Target, clientId: string, offsetsTopic?: string, access: StoreAccess = {}, offsets: KafkaOffsets = {}): Promise<TopicBackend> {
  if (target.kind === 'embedded') return openEmbedded(target.stateDir, access)
  const brokers = (await reachableBrokers(target)).join(',')
  const security = target.client?.security
  const client = createKafkajsClient({ bootstrapServers: brokers, clientId: target.client?.clientId ?? clientId, ...(security === undefined ? {} : { security }) })
  await assertKafkaAccess(client, brokers, target.client)
  return createKafkaTopicBackend({
    client,
    ...(offsetsTopic === undefined ? {} : { offsetsTopic }),
    ...(offsets.file === undefined ? {} : { offsetsFile: offsets.file }),
    ...(offsets.flushIntervalMs === undefined ? {} : { offsetFlushIntervalMs: offsets.flushIntervalMs }),
  })
}
