import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clientConfigOf, loadClientConfig, readClientEntries } from './client-config.js'

const TLS = resolve(import.meta.dirname, '../../../../test/fixtures/tls')
const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule'

function config(lines: readonly string[], env: Record<string, string> = {}): ReturnType<typeof clientConfigOf> {
  const file = join(mkdtempSync(join(tmpdir(), 'pipe-client-config-')), 'client.properties')
  writeFileSync(file, `${lines.join('\n')}\n`)
  return clientConfigOf(file, readClientEntries(file, '--client-config'), env)
}

describe('client config', () => {
  it('reads SASL_SSL with SCRAM-SHA-512, a PEM truststore and a password from ${env:...}, keeping the password as a secret', () => {
    const c = config(['bootstrap.servers=b:9093', 'client.id=app', 'security.protocol=SASL_SSL', 'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=${SCRAM} required username="app" password="\${env:KAFKA_PW}";`, 'ssl.truststore.type=PEM', `ssl.truststore.location=${join(TLS, 'ca.pem')}`], { KAFKA_PW: 's3cret' })
    expect(c.security.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'app', password: 's3cret' })
    expect(c.security.tls?.ca).toEqual(readFileSync(join(TLS, 'ca.pem')))
    expect(c).toMatchObject({ bootstrapServers: 'b:9093', clientId: 'app', summary: "SASL_SSL, SCRAM-SHA-512 as 'app'", warnings: [] })
    expect(c.secrets).toContain('s3cret')
  })

  it('reads a PKCS12 truststore, and skips the host name check when ssl.endpoint.identification.algorithm is empty', () => {
    const c = config(['security.protocol=SSL', 'ssl.truststore.type=PKCS12', `ssl.truststore.location=${join(TLS, 'truststore.p12')}`, 'ssl.truststore.password=changeit', 'ssl.endpoint.identification.algorithm='])
    expect(c.security.tls?.ca).toEqual([readFileSync(join(TLS, 'ca.pem'), 'utf8').replace(/\n/g, '\r\n')])
    expect(c.security.tls?.checkServerIdentity?.('x', {} as never)).toBeUndefined()
  })

  it('words each key that cannot apply, or is wrong, as file:line without the password', () => {
    const bad = (lines: readonly string[]): string => { try { config(lines); return 'no error' } catch (error) { return error instanceof Error ? error.message : String(error) } }
    expect(bad(['security.protocol=SASL_SSL', 'sasl.mechanism=GSSAPI'])).toMatch(/client\.properties:2: sasl.mechanism 'GSSAPI' cannot apply: pipe's Kafka client speaks PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512$/)
    expect(bad(['security.protocol=SSL', 'ssl.truststore.type=JKS', 'ssl.truststore.location=/x.jks'])).toMatch(/:2: ssl.truststore.type 'JKS' cannot apply: pipe's Kafka client reads PEM and PKCS12 stores only$/)
    expect(bad(['security.protocol=TLS'])).toMatch(/:1: invalid security.protocol 'TLS': expected PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL$/)
    expect(bad(['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=PLAIN', `sasl.jaas.config=${SCRAM} required username="u" password="pw-SENTINEL";`])).toMatch(/:3: sasl.jaas.config must hold one org.apache.kafka.common.security.plain.PlainLoginModule for sasl.mechanism PLAIN/)
    expect(bad(['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-256', `sasl.jaas.config=${SCRAM} required username="u" password="pw-SENTINEL"`])).toMatch(/:3: invalid sasl.jaas.config: the login module does not end with ';'$/)
    expect(bad(['sasl.jaas.config=${env:NOPE}'])).toMatch(/:1: environment variable NOPE is not set/)
    expect(bad(['sasl.login.callback.handler.class=x.Y'])).toMatch(/:1: sasl.login.callback.handler.class cannot apply/)
    expect(bad(['security.protocol=SSL', 'ssl.truststore.type=PKCS12', `ssl.truststore.location=${join(TLS, 'truststore.p12')}`, 'ssl.truststore.password=wrong'])).toMatch(/:3: ssl.truststore.location cannot be read as a PKCS12 truststore/)
    expect(bad(['security.protocol=SASL_SSL', 'sasl.mechanism=SCRAM-SHA-256', `sasl.jaas.config=${SCRAM} required username="u" password="pw-SENTINEL"`])).not.toContain('pw-SENTINEL')
  })

  it('warns once per key it does not use, and is read from PIPE_CLIENT_CONFIG when no option is given', () => {
    const c = config(['bootstrap.servers=b:1', 'acks=all', 'linger.ms=5'])
    expect(c.warnings.map((w) => w.replace(/^.*client\.properties/, 'f'))).toEqual(["f:2: WARN acks is not used by pipe's Kafka client", "f:3: WARN linger.ms is not used by pipe's Kafka client"])
    const warned: string[] = []
    expect(loadClientConfig(undefined, { PIPE_CLIENT_CONFIG: c.file }, (l) => warned.push(l))?.bootstrapServers).toBe('b:1')
    expect(warned).toHaveLength(2)
    expect(loadClientConfig(undefined, {}, () => undefined)).toBeUndefined()
    expect(() => loadClientConfig('/nope.properties', {}, () => undefined)).toThrow("cannot read --client-config '/nope.properties' (ENOENT)")
  })
})
