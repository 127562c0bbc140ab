// @servers kafka-secure
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { runPipe } from '../../e2e/run-pipe.js'
import { MECHANISMS, sentinels, writeMtlsConfig, writeSaslConfig } from '../../support/secure-kafka.js'
import { FIXTURE } from '../runtime/crash-harness.js'

const LINES = Array.from({ length: 50 }, (_, i) => `line ${String(i)}`)

describe.each(['PEM', 'PKCS12'] as const)('pipe run over mutual TLS with a %s client keystore', (store) => {
  it('moves a file through a topic, and pipe consume reads it over SASL_SSL (SCRAM-SHA-512 and PLAIN) and over mutual TLS', async () => {
    // GIVEN a file and a client config for the SSL listener with the client certificate
    const secure = servers().kafkaSecure
    const dir = mkdtempSync(join(tmpdir(), 'pipe-mtls-'))
    writeFileSync(join(dir, 'input.txt'), `${LINES.join('\n')}\n`)
    const name = `mtls-${store.toLowerCase()}-${String(Date.now())}`
    const mtls = writeMtlsConfig(dir, 'mtls', secure, store)
    // WHEN pipe run runs file -> topic -> file on it
    const run = await runPipe(['run', FIXTURE, '--max-idle', '2s', '--client-config', mtls], { cwd: dir, env: { PIPE_FIXTURE_NAME: name } })
    // THEN every line arrives, and pipe consume reads the topic with each way of logging in
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toBe(`${LINES.join('\n')}\n`)
    const configs = [mtls, ...MECHANISMS.map((mechanism) => writeSaslConfig(dir, mechanism, secure, { mechanism, user: 'alice' }))]
    for (const config of configs) {
      const consume = await runPipe(['consume', `${name}-lines`, '--from-beginning', '--max-messages', String(LINES.length), '--client-config', config], { cwd: dir })
      expect(consume.status, `${config}: ${consume.stderr}`).toBe(0)
      expect(consume.stdout).toBe(`${LINES.join('\n')}\n`)
      for (const sentinel of sentinels(secure)) expect(`${consume.stdout}${consume.stderr}${run.stderr}`).not.toContain(sentinel)
    }
  }, 120_000)
})
