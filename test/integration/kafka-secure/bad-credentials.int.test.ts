// @servers kafka-secure
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { servers, type KafkaSecureEndpoint } from '../../infra/servers.js'
import { runPipe, STACK_FRAME } from '../../e2e/run-pipe.js'
import { MECHANISMS, sentinels, writeSaslConfig } from '../../support/secure-kafka.js'
import { FIXTURE } from '../runtime/crash-harness.js'

const WRONG_PASSWORD = 'wrong-pw-SENTINEL-e1f7b2'

let secure: KafkaSecureEndpoint
let dir: string
beforeAll(() => {
  secure = servers().kafkaSecure
  dir = mkdtempSync(join(tmpdir(), 'pipe-bad-credentials-'))
  writeFileSync(join(dir, 'input.txt'), 'one\ntwo\n')
})

/** Runs pipe; asserts exit 1 within 30 s, one line on stderr, no stack trace, no password anywhere; returns that line. */
async function oneLineFailure(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const began = Date.now()
  const result = await runPipe(args, { cwd: dir, env })
  const seconds = (Date.now() - began) / 1000
  const output = `${result.stdout}${result.stderr}`
  expect(result.status, output).toBe(1)
  expect(seconds, output).toBeLessThan(30)
  expect(result.stderr.trim().split('\n'), output).toHaveLength(1)
  expect(output).not.toMatch(STACK_FRAME)
  for (const sentinel of [...sentinels(secure), WRONG_PASSWORD]) expect(output).not.toContain(sentinel)
  return result.stderr.trim()
}

describe.each(MECHANISMS)('a wrong password with %s', (mechanism) => {
  it('is one line naming the mechanism and the user, for pipe consume and pipe run', async () => {
    const config = writeSaslConfig(dir, `wrong-${mechanism}`, secure, { mechanism, user: 'alice', password: WRONG_PASSWORD })
    const consume = await oneLineFailure(['consume', 'any-topic', '--client-config', config])
    expect(consume).toContain(`error PIPE_KAFKA_AUTHENTICATION: SASL ${mechanism} authentication as user 'alice' failed`)
    const run = await oneLineFailure(['run', FIXTURE, '--max-idle', '2s', '--client-config', config], { PIPE_FIXTURE_NAME: `bad-pw-${String(Date.now())}` })
    expect(run).toContain(`SASL ${mechanism} authentication as user 'alice' failed`)
  }, 90_000)
})

describe('the broker certificate', () => {
  it('signed by a CA the client does not trust is one line naming its subject and issuer', async () => {
    const config = writeSaslConfig(dir, 'untrusted', secure, { mechanism: 'SCRAM-SHA-512', user: 'alice', truststore: 'other-ca.pem' })
    const line = await oneLineFailure(['consume', 'any-topic', '--client-config', config])
    expect(line).toContain('error PIPE_TLS_UNTRUSTED: the certificate of broker')
    expect(line).toContain('(subject CN=localhost, issuer CN=pipe-test-ca) is not trusted')
  }, 60_000)

  it('issued for another host name is one line naming its subject, its names and the host', async () => {
    const bootstrap = secure.sasl.replace('localhost', '127.0.0.1')
    const config = writeSaslConfig(dir, 'mismatch', secure, { mechanism: 'SCRAM-SHA-512', user: 'alice', bootstrap })
    const line = await oneLineFailure(['consume', 'any-topic', '--client-config', config])
    expect(line).toContain(`error PIPE_TLS_HOST_MISMATCH: the certificate of broker ${bootstrap} (subject CN=localhost, names DNS:localhost) does not match host name '127.0.0.1'`)
  }, 60_000)

  it('is not required to name the host when ssl.endpoint.identification.algorithm is empty, as in Kafka', async () => {
    const bootstrap = secure.sasl.replace('localhost', '127.0.0.1')
    const config = writeSaslConfig(dir, 'no-host-check', secure, { mechanism: 'SCRAM-SHA-512', user: 'alice', bootstrap, extra: ['ssl.endpoint.identification.algorithm='] })
    const result = await runPipe(['run', FIXTURE, '--max-idle', '2s', '--client-config', config], { cwd: dir, env: { PIPE_FIXTURE_NAME: `no-host-check-${String(Date.now())}` } })
    expect(result.status, result.stderr).toBe(0)
  }, 90_000)
})

describe('a user the authorizer refuses on a topic', () => {
  it('is one line naming the topic and the operation (CREATE for pipe run, READ for pipe consume)', async () => {
    const config = writeSaslConfig(dir, 'mallory', secure, { mechanism: 'SCRAM-SHA-512', user: 'mallory' })
    const name = `restricted-${String(Date.now())}`
    const run = await oneLineFailure(['run', FIXTURE, '--max-idle', '2s', '--client-config', config], { PIPE_FIXTURE_NAME: name })
    expect(run).toContain(`error PIPE_KAFKA_NOT_AUTHORIZED: not authorized to CREATE topic '${name}-lines' (TOPIC_AUTHORIZATION_FAILED)`)
    // the topic exists once alice ran the pipeline; mallory may still not read it
    const alice = writeSaslConfig(dir, 'alice', secure, { mechanism: 'SCRAM-SHA-512', user: 'alice' })
    expect((await runPipe(['run', FIXTURE, '--max-idle', '2s', '--client-config', alice], { cwd: dir, env: { PIPE_FIXTURE_NAME: name } })).status).toBe(0)
    const consume = await oneLineFailure(['consume', `${name}-lines`, '--from-beginning', '--client-config', config])
    expect(consume).toContain(`error PIPE_KAFKA_NOT_AUTHORIZED: not authorized to READ topic '${name}-lines' (TOPIC_AUTHORIZATION_FAILED)`)
  }, 120_000)
})

describe('a security.protocol that does not match the listener', () => {
  it('is one line saying what the listener speaks and which key to change', async () => {
    const saslPlaintext = writeSaslConfig(dir, 'sasl-plaintext', secure, { mechanism: 'SCRAM-SHA-512', user: 'alice', extra: ['security.protocol=SASL_PLAINTEXT'] })
    expect(await oneLineFailure(['consume', 'any-topic', '--client-config', saslPlaintext])).toMatch(/it answers TLS .*fix: set security.protocol=SSL or SASL_SSL in .*sasl-plaintext\.properties/)
    const tlsOnPlaintext = join(dir, 'tls-on-plaintext.properties')
    writeFileSync(tlsOnPlaintext, `bootstrap.servers=${secure.plaintext}\nsecurity.protocol=SSL\n`)
    expect(await oneLineFailure(['consume', 'any-topic', '--client-config', tlsOnPlaintext])).toContain(`error PIPE_TLS_HANDSHAKE: ${secure.plaintext} closed the connection during the TLS handshake: not a TLS listener`)
    const sslOnSasl = join(dir, 'ssl-on-sasl.properties')
    writeFileSync(sslOnSasl, `bootstrap.servers=${secure.sasl}\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${join(secure.certs, 'ca.pem')}\n`)
    expect(await oneLineFailure(['consume', 'any-topic', '--client-config', sslOnSasl])).toContain('closed the connection after the TLS handshake: the listener may want SASL')
  }, 90_000)
})

describe('the mutual TLS listener', () => {
  it('without a client certificate is one line saying the broker wants one', async () => {
    const config = join(dir, 'no-cert.properties')
    writeFileSync(config, `bootstrap.servers=${secure.ssl}\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${join(secure.certs, 'ca.pem')}\n`)
    const line = await oneLineFailure(['consume', 'any-topic', '--client-config', config])
    expect(line).toContain(`error PIPE_TLS_CLIENT_CERTIFICATE: broker ${secure.ssl} refused the TLS handshake`)
  }, 60_000)
})
