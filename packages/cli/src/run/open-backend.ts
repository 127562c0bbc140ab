import { createEmbeddedTopicBackend, createKafkaTopicBackend, createKafkajsClient, type TopicBackend } from '@pipe/runtime'
import { makeDirectory } from '../output/make-directory.js'
import { storeError } from '../report/known-error.js'
import { assertBrokerReachable } from './broker-probe.js'
import type { Target } from './run-options.js'
import { UserError } from './user-error.js'

/** How long to wait for the first TCP connection to a broker. */
export const BROKER_TIMEOUT_MS = 10_000

/** The topic backend of a target: the embedded store (created on first use) or a Kafka cluster. */
export async function openBackend(target: Target, clientId: string, offsetsTopic?: string): Promise<TopicBackend> {
  if (target.kind === 'embedded') {
    try {
      // made here, not by the store's recursive mkdir: that one never returns for a path under /proc
      await makeDirectory(target.stateDir)
      return createEmbeddedTopicBackend({ stateDir: target.stateDir })
    } catch (error) {
      const known = storeError(target.stateDir, error)
      if (known !== undefined) throw new UserError(known.code, known.message, known.hint)
      const why = error instanceof Error ? error.message : String(error)
      throw new UserError('PIPE_STATE_DIR', `cannot open the state directory '${target.stateDir}': ${why}`, 'pass a writable --state-dir, or stop the other pipe that holds it')
    }
  }
  const brokers = await assertBrokerReachable(target.brokers, BROKER_TIMEOUT_MS)
  const client = createKafkajsClient({ bootstrapServers: brokers.join(','), clientId })
  return createKafkaTopicBackend(offsetsTopic === undefined ? { client } : { client, offsetsTopic })
}
