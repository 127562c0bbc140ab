import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isWorkerFile, readWorkerFile } from './worker-properties.js'

const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/worker-properties')
const write = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'pipe-worker-file-')), name)
  writeFileSync(file, text)
  return file
}

describe('readWorkerFile', () => {
  it('reads connect-standalone.properties as Apache Kafka ships it, with no warning', () => {
    const lines: string[] = []
    const file = join(FIXTURES, 'connect-standalone.properties')
    expect(isWorkerFile(file)).toBe(true)
    expect(readWorkerFile(file, {}, (l) => lines.push(l))).toEqual({
      file, bootstrapServers: 'localhost:9092', offsetsFile: '/tmp/connect.offsets', offsetFlushIntervalMs: 10000, replicationFactors: {},
    })
    expect(lines).toEqual([])
  })

  it('reads connect-distributed.properties: group, storage topics and their replication factors', () => {
    const lines: string[] = []
    const file = join(FIXTURES, 'connect-distributed.properties')
    expect(readWorkerFile(file, {}, (l) => lines.push(l))).toMatchObject({
      groupId: 'connect-cluster', configStorageTopic: 'connect-configs', offsetStorageTopic: 'connect-offsets', statusStorageTopic: 'connect-status',
      replicationFactors: { config: 1, offsets: 1, status: 1 },
    })
    expect(lines).toEqual([])
  })

  it('tells connector files apart from worker files', () => {
    expect(isWorkerFile(join(FIXTURES, 'connect-file-source.properties'))).toBe(false)
    expect(isWorkerFile(write('a.json', '{}'))).toBe(false)
  })

  it('lists the keys it does not support once, warns that plugin.path is unused, and takes the producer./consumer. security keys', () => {
    const lines: string[] = []
    const file = write('w.properties', [
      'bootstrap.servers=localhost:9094', 'plugin.path=/opt/connectors', 'value.converter=org.apache.kafka.connect.storage.StringConverter',
      'exactly.once.source.support=enabled', 'config.providers=file', 'config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
      'producer.security.protocol=SASL_SSL', 'producer.sasl.mechanism=PLAIN', 'producer.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
      'consumer.sasl.mechanism=SCRAM-SHA-512', 'ssl.truststore.type=PEM', 'ssl.truststore.certificates=-----BEGIN CERTIFICATE-----',
    ].join('\n'))
    const read = readWorkerFile(file, {}, (l) => lines.push(l))
    expect(lines[0]).toBe(`${file}: WARN keys pipe's worker does not support, ignored: value.converter, exactly.once.source.support`)
    expect(lines[1]).toBe(`${file}:2: WARN plugin.path is not used: pipe's worker runs its built-in connectors (pipe plugins list)`)
    expect(lines[2]).toMatch(/:10: WARN consumer.sasl.mechanism differs from sasl.mechanism \(.*:8\)/)
    expect(read.client?.summary).toBe("SASL_SSL, PLAIN as 'u'")
    expect(read.client?.secrets).toContain('p')
  })

  it('takes rest.advertised.host.name and rest.advertised.port as the worker\'s id, and refuses an https advertised listener', () => {
    const file = write('adv.properties', 'group.id=g\nrest.advertised.host.name=worker-1.internal\nrest.advertised.port=18083\nrest.advertised.listener=http\n')
    expect(readWorkerFile(file, {}, () => undefined).advertised).toEqual({ host: 'worker-1.internal', port: 18083 })
    const https = write('https.properties', 'rest.advertised.listener=https\n')
    expect(() => readWorkerFile(https, {}, () => undefined)).toThrow(`${https}:1: rest.advertised.listener 'https' cannot apply`)
  })

  it('names file and line of a bad number', () => {
    const file = write('bad.properties', 'group.id=g\noffset.flush.interval.ms=soon\n')
    expect(() => readWorkerFile(file, {}, () => undefined)).toThrow(`${file}:2: invalid offset.flush.interval.ms 'soon': expected a whole number >= 1`)
  })
})
