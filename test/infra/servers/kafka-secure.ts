import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import kafkajs from 'kafkajs'
import { infraDir } from '../paths.js'
import type { ServerState } from '../state.js'
import { singleNodeProperties, startKraftBroker, type StartOptions } from './kafka.js'

/**
 * The users of the secured broker: SCRAM (SHA-256 and SHA-512) and PLAIN. alice may do anything;
 * mallory only what touches topics named `mallory-*`. Their passwords hold a sentinel that tests
 * search every output for.
 */
export const secureUsers = {
  alice: 'alice-pw-SENTINEL-4b9e2c',
  mallory: 'mallory-pw-SENTINEL-71d0a3',
} as const

/** The subject of the client certificate (mutual TLS): principal `User:pipe-client`. */
export const clientCertificateName = 'pipe-client'

const certDir = (...parts: string[]): string => infraDir('kafka-secure', 'certs', ...parts)
export const keystorePassword = 'keystore-pw-SENTINEL-0c55f1'

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: certDir(), stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A key and a certificate `name`.pem signed by `ca` (self-signed without), with the subject alternative names given. */
function certificate(name: string, subject: string, ca: string | undefined, altNames?: string): void {
  if (ca === undefined) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '3650', '-subj', subject])
    return
  }
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject])
  const ext = altNames === undefined ? [] : ['-extfile', certDir(`${name}.ext`)]
  if (altNames !== undefined) writeFileSync(certDir(`${name}.ext`), `subjectAltName=${altNames}\n`)
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-set_serial', String(Date.now()), '-days', '3650', '-out', `${name}.pem`, ...ext])
}

/**
 * The CA, the broker's certificate (for `localhost` only: connecting by 127.0.0.1 is a host name
 * mismatch), a client certificate, and a second CA nobody trusts; PEM, and PKCS12 for the client.
 */
function makeCertificates(): void {
  mkdirSync(certDir(), { recursive: true })
  if (existsSync(certDir('client.p12'))) return
  certificate('ca', '/CN=pipe-test-ca', undefined)
  certificate('other-ca', '/CN=pipe-untrusted-ca', undefined)
  certificate('broker', '/CN=localhost', 'ca', 'DNS:localhost')
  certificate('client', `/CN=${clientCertificateName}`, 'ca')
  openssl(['pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-out', 'client.p12', '-name', 'client', '-passout', `pass:${keystorePassword}`])
  execFileSync('keytool', ['-importcert', '-noprompt', '-alias', 'ca', '-file', certDir('ca.pem'), '-keystore', certDir('truststore.p12'), '-storetype', 'PKCS12', '-storepass', keystorePassword], { stdio: 'pipe' })
  execFileSync('sh', ['-c', 'cat broker.key broker.pem > broker-keystore.pem && cat client.key client.pem > client-keystore.pem'], { cwd: certDir() })
}

function serverProperties(ports: Readonly<Record<string, number>>, dataDir: string): string {
  const [broker, controller, sasl, ssl] = [ports['broker'], ports['controller'], ports['sasl'], ports['ssl']].map(String)
  const plainUsers = Object.entries(secureUsers).map(([user, password]) => `user_${user}="${password}"`).join(' ')
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controller ?? ''}`,
    `listeners=PLAINTEXT://127.0.0.1:${broker ?? ''},CONTROLLER://127.0.0.1:${controller ?? ''},SASL_SSL://localhost:${sasl ?? ''},SSL://localhost:${ssl ?? ''}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${broker ?? ''},SASL_SSL://localhost:${sasl ?? ''},SSL://localhost:${ssl ?? ''}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL',
    'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    `listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${certDir('broker-keystore.pem')}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${certDir('ca.pem')}`,
    'listener.name.ssl.ssl.client.auth=required',
    'ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    // the PLAINTEXT (admin, inter-broker) and controller listeners' principal
    'super.users=User:ANONYMOUS',
    'allow.everyone.if.no.acl.found=false',
    ...singleNodeProperties(dataDir),
    '',
  ].join('\n')
}

// kafkajs is CommonJS: Node finds only some of its named exports (not the ACL enums)
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } = kafkajs

/** alice and the client certificate may do anything; mallory only on topics `mallory-*` (and any group). */
async function grantAcls(plaintext: string): Promise<void> {
  const admin = new Kafka({ brokers: [plaintext], logLevel: logLevel.NOTHING, clientId: 'infra-acls' }).admin()
  await admin.connect()
  const allow = (principal: string, resourceType: kafkajs.AclResourceTypes, resourceName: string, pattern: kafkajs.ResourcePatternTypes = ResourcePatternTypes.LITERAL) => ({
    principal, resourceType, resourceName, resourcePatternType: pattern, host: '*', operation: AclOperationTypes.ALL, permissionType: AclPermissionTypes.ALLOW,
  })
  const everything = (principal: string) => [
    allow(principal, AclResourceTypes.TOPIC, '*'), allow(principal, AclResourceTypes.GROUP, '*'),
    allow(principal, AclResourceTypes.CLUSTER, 'kafka-cluster'), allow(principal, AclResourceTypes.TRANSACTIONAL_ID, '*'),
  ]
  try {
    await admin.createAcls({
      acl: [
        ...everything('User:alice'), ...everything(`User:${clientCertificateName}`),
        allow('User:mallory', AclResourceTypes.TOPIC, 'mallory-', ResourcePatternTypes.PREFIXED), allow('User:mallory', AclResourceTypes.GROUP, '*'),
      ],
    })
  } finally {
    await admin.disconnect()
  }
}

/**
 * A single-node KRaft broker with security on: PLAINTEXT on 127.0.0.1 for setup (super user),
 * SASL_SSL (SCRAM-SHA-256/512 and PLAIN users) and SSL requiring a client certificate (mutual TLS)
 * on `localhost`, certificates made by openssl and keytool, and ACLs with the standard authorizer.
 */
export async function startKafkaSecure(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  makeCertificates()
  const scram = Object.entries(secureUsers).flatMap(([name, password]) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => ['--add-scram', `${m}=[name=${name},password=${password}]`]))
  const started = await startKraftBroker({ name: 'kafka-secure', ports: { broker: 9192, controller: 9193, sasl: 9194, ssl: 9195 }, properties: serverProperties, formatArgs: scram }, options)
  await grantAcls(started.endpoint)
  return {
    ...started,
    info: {
      sasl: `localhost:${String(started.ports['sasl'])}`,
      ssl: `localhost:${String(started.ports['ssl'])}`,
      certs: certDir(),
    },
  }
}
