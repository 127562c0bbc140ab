import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { findJar } from '../fetch.js'
import { infraDir, javaBin } from '../paths.js'
import { freePort } from '../ports.js'
import { startDetached } from '../process.js'
import { lastPorts, rememberPorts, type ServerState } from '../state.js'
import { logContains, waitUntil } from '../wait.js'
import type { StartOptions } from './kafka.js'
import { cassandraJvmOptions } from './cassandra-jvm.js'

function cassandraYaml(dataDir: string, native: number, storage: number): string {
  return `cluster_name: 'pipe-it'
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${storage}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${storage}
native_transport_port: ${native}
start_native_transport: true
commitlog_sync: periodic
commitlog_sync_period: 10000ms
data_file_directories:
  - ${dataDir}/data
commitlog_directory: ${dataDir}/commitlog
saved_caches_directory: ${dataDir}/saved_caches
hints_directory: ${dataDir}/hints
cdc_raw_directory: ${dataDir}/cdc_raw
auto_snapshot: false
`
}

const logbackXml = `<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{1} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
`

/** Starts a single Cassandra node on its own classpath; ready when CQL clients are accepted. */
export async function startCassandra(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const dir = (...parts: string[]): string => infraDir('cassandra', ...parts)
  const previous = lastPorts('cassandra')
  const native = await freePort(previous?.['native'] ?? 9042)
  const storage = await freePort(previous?.['storage'] ?? 7000, new Set([native]))
  // a node's identity includes its storage address: new ports mean a new node, so start empty
  if (!options.keepData || previous?.['native'] !== native || previous['storage'] !== storage) {
    rmSync(dir('data'), { recursive: true, force: true })
  }
  rememberPorts('cassandra', { native, storage })
  for (const sub of ['conf', 'logs', 'data', 'triggers']) mkdirSync(dir(sub), { recursive: true })
  writeFileSync(dir('conf', 'cassandra.yaml'), cassandraYaml(dir('data'), native, storage))
  writeFileSync(dir('conf', 'logback.xml'), logbackXml)
  const logFile = dir('logs', 'cassandra.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(javaBin(), [
    ...cassandraJvmOptions(findJar(dir('libs'), 'jamm-')),
    '-Dcassandra-foreground=yes',
    `-Dcassandra.config=file://${dir('conf', 'cassandra.yaml')}`,
    `-Dcassandra.storagedir=${dir('data')}`,
    `-Dcassandra.logdir=${dir('logs')}`,
    `-Dcassandra.triggers_dir=${dir('triggers')}`,
    `-Dlogback.configurationFile=${dir('conf', 'logback.xml')}`,
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-XX:HeapDumpPath=' + dir('logs'),
    '-cp', `${dir('conf')}:${dir('libs')}/*`, 'org.apache.cassandra.service.CassandraDaemon',
  ], logFile, dir())
  options.onSpawn?.(pid)
  await waitUntil('cassandra', pid, logFile, 240_000, logContains(logFile, 'Starting listening for CQL clients'))
  return {
    name: 'cassandra', pid, ports: { native, storage }, endpoint: `127.0.0.1:${native}`, logFile,
    info: { localDataCenter: 'datacenter1' },
  }
}
