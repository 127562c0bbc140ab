import { redact, RuntimeError, type KafkaClient } from '@pipe/runtime'
import { UserError } from '../errors/user-error.js'
import type { ClientConfig } from './client-config.js'

const MECHANISM_NAMES = { 'plain': 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const

/** How long pipe waits for the client to reach a broker, authenticate and read metadata (after the 10 s probe: one line within 30 s). */
export const ACCESS_TIMEOUT_MS = 18_000

/** One line for why the client could not reach the cluster; no secret of the client config in it. */
function accessError(error: unknown, brokers: string, config: ClientConfig | undefined): UserError {
  const secrets = config?.secrets ?? []
  const message = redact(error instanceof Error ? error.message : String(error), secrets)
  const sasl = config?.security.sasl
  const name = error instanceof Error ? error.name : ''
  if (name === 'KafkaJSSASLAuthenticationError' && sasl !== undefined) {
    const why = message.replace(/^SASL [A-Z0-9 -]+ authentication failed: /i, '')
    return new UserError('PIPE_KAFKA_AUTHENTICATION', `SASL ${MECHANISM_NAMES[sasl.mechanism]} authentication as user '${sasl.username}' failed at ${brokers}: ${why}`, `check the user name and password of sasl.jaas.config in ${config?.file ?? 'the client config'} (and that the broker enables ${MECHANISM_NAMES[sasl.mechanism]})`)
  }
  if (error instanceof RuntimeError) return new UserError(error.code, redact(error.message, secrets))
  if (config !== undefined && sasl === undefined && /closed connection/i.test(message)) {
    return new UserError('PIPE_KAFKA_CONNECT', `the broker at ${brokers} closed the connection after the ${config.security.tls === undefined ? 'first' : 'TLS'} handshake: the listener may want SASL`, `set security.protocol=SASL_SSL (or SASL_PLAINTEXT) with sasl.mechanism and sasl.jaas.config in ${config.file}, or use the listener that matches ${config.summary}`)
  }
  return new UserError('PIPE_KAFKA_CONNECT', `cannot use the Kafka cluster at ${brokers}: ${message}`, config === undefined ? 'check --bootstrap-servers' : `check security.protocol and the sasl.* and ssl.* keys of ${config.file}`)
}

/**
 * Waits until the client reached a broker, authenticated and read the cluster's metadata, or fails
 * with one line saying why (wrong credentials, a mechanism the broker does not enable) within
 * {@link ACCESS_TIMEOUT_MS}.
 */
export async function assertKafkaAccess(client: KafkaClient, brokers: string, config: ClientConfig | undefined): Promise<void> {
  if (client.ready === undefined) return
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new Error(`no broker answered within ${String(ACCESS_TIMEOUT_MS / 1000)}s`)) }, ACCESS_TIMEOUT_MS)
  })
  try {
    await Promise.race([client.ready(), late])
  } catch (error) {
    await client.close().catch(() => undefined)
    throw accessError(error, brokers, config)
  } finally {
    clearTimeout(timer)
  }
}
