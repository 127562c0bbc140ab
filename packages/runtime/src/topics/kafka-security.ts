import type { ConnectionOptions } from 'node:tls'
import type { KafkaConfig } from 'kafkajs'
import { RuntimeError } from '../errors.js'

/** The SASL mechanisms pipe's Kafka client speaks (Kafka's `sasl.mechanism`, lower-cased as kafkajs names them). */
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512'

/**
 * How pipe's Kafka clients authenticate and encrypt: Kafka's `security.protocol` resolved into TLS
 * options (SSL, SASL_SSL) and SASL credentials (SASL_PLAINTEXT, SASL_SSL). Empty for PLAINTEXT.
 *
 * @example
 * ```ts
 * const security: KafkaSecurity = { tls: { ca: [pem] }, sasl: { mechanism: 'scram-sha-512', username: 'app', password } }
 * ```
 */
export interface KafkaSecurity {
  /** TLS options (`ca`, `cert`, `key`, `pfx`, `passphrase`, `checkServerIdentity`); absent: plaintext. */
  readonly tls?: ConnectionOptions
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string }
}

/** kafkajs's `ssl` and `sasl` settings for a {@link KafkaSecurity}. */
export function kafkajsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (security === undefined) return {}
  const { tls, sasl } = security
  return {
    ...(tls === undefined ? {} : { ssl: tls }),
    ...(sasl === undefined ? {} : { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as NonNullable<KafkaConfig['sasl']> }),
  }
}

/** Kafka's ACL operations as its authorizer names them. */
export type AclOperation = 'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE'

/** Kafka's error name of a kafkajs error, or of the first error of an aggregate (createTopics' "Topic creation errors"). */
function kafkaErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  if ('type' in error && typeof error.type === 'string') return error.type
  return 'errors' in error && Array.isArray(error.errors) ? kafkaErrorType(error.errors[0]) : undefined
}

/**
 * Runs `operation` on `topic`; a refusal by the broker's authorizer becomes a {@link RuntimeError}
 * naming the topic (or group) and the operation, the way Kafka's TopicAuthorizationException does.
 */
export async function authorized<T>(topic: string, operation: AclOperation, run: () => Promise<T>, group?: string): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const type = kafkaErrorType(error)
    if (type === 'TOPIC_AUTHORIZATION_FAILED') {
      throw new RuntimeError('PIPE_KAFKA_NOT_AUTHORIZED', `not authorized to ${operation} topic '${topic}' (TOPIC_AUTHORIZATION_FAILED): grant the client's principal ${operation} on topic ${topic} (kafka-acls --add --operation ${operation} --topic ${topic})`, { cause: error })
    }
    if (type === 'GROUP_AUTHORIZATION_FAILED' && group !== undefined) {
      throw new RuntimeError('PIPE_KAFKA_NOT_AUTHORIZED', `not authorized to READ group '${group}' (GROUP_AUTHORIZATION_FAILED): grant the client's principal READ on group ${group} (kafka-acls --add --operation READ --group ${group})`, { cause: error })
    }
    throw error
  }
}
