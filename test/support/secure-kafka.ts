import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KafkaSecureEndpoint } from '../infra/servers.js'

/** The SASL mechanisms the secured broker enables that the acceptance tests run with. */
export const MECHANISMS = ['SCRAM-SHA-512', 'PLAIN'] as const
export type Mechanism = (typeof MECHANISMS)[number]

const LOGIN_MODULES: Readonly<Record<Mechanism, string>> = {
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'PLAIN': 'org.apache.kafka.common.security.plain.PlainLoginModule',
}

export interface SaslClient {
  readonly mechanism: Mechanism
  readonly user: keyof KafkaSecureEndpoint['users']
  /** the user's own password when unset */
  readonly password?: string
  /** the SASL_SSL listener when unset */
  readonly bootstrap?: string
  /** a file name of the certs folder; ca.pem when unset */
  readonly truststore?: string
  /** more lines, e.g. `client.id=...` */
  readonly extra?: readonly string[]
}

/** Writes a Kafka client `.properties` file for SASL_SSL as Kafka's own clients take it; returns its path. */
export function writeSaslConfig(dir: string, name: string, secure: KafkaSecureEndpoint, client: SaslClient): string {
  const password = client.password ?? secure.users[client.user]
  const file = join(dir, `${name}.properties`)
  writeFileSync(file, [
    `bootstrap.servers=${client.bootstrap ?? secure.sasl}`,
    'security.protocol=SASL_SSL',
    `sasl.mechanism=${client.mechanism}`,
    `sasl.jaas.config=${LOGIN_MODULES[client.mechanism]} required username="${client.user}" password="${password}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${join(secure.certs, client.truststore ?? 'ca.pem')}`,
    ...(client.extra ?? []),
    '',
  ].join('\n'))
  return file
}

/** Writes a client config for the SSL listener with the client certificate (mutual TLS), PEM or PKCS12; returns its path. */
export function writeMtlsConfig(dir: string, name: string, secure: KafkaSecureEndpoint, store: 'PEM' | 'PKCS12'): string {
  const file = join(dir, `${name}.properties`)
  const keystore = store === 'PEM'
    ? ['ssl.keystore.type=PEM', `ssl.keystore.location=${join(secure.certs, 'client-keystore.pem')}`]
    : ['ssl.keystore.type=PKCS12', `ssl.keystore.location=${join(secure.certs, 'client.p12')}`, `ssl.keystore.password=${secure.keystorePassword}`]
  writeFileSync(file, [
    `bootstrap.servers=${secure.ssl}`,
    'security.protocol=SSL',
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${join(secure.certs, 'ca.pem')}`,
    ...keystore,
    '',
  ].join('\n'))
  return file
}

/** Every sentinel password of the secured broker's users and stores: none may appear in any output. */
export const sentinels = (secure: KafkaSecureEndpoint): readonly string[] => [...Object.values(secure.users), secure.keystorePassword]
