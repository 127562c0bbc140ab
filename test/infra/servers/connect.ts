import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { connectPluginsDir, kafkaLibsDir } from '../fetch.js'
import { infraDir, javaBin } from '../paths.js'
import { freePort } from '../ports.js'
import { startDetached } from '../process.js'
import { lastPorts, rememberPorts, type ServerState } from '../state.js'
import { waitUntil } from '../wait.js'
import { kafkaJvmOptions, writeLoggingConfig, type StartOptions } from './kafka.js'

/** Connect's group and internal topics; tests that share the offsets topic with pipe read them from `info`. */
export const connectTopics = {
  groupId: 'pipe-it-connect',
  configTopic: 'pipe-it-connect-configs',
  offsetTopic: 'pipe-it-connect-offsets',
  statusTopic: 'pipe-it-connect-status',
} as const

function workerProperties(bootstrap: string, port: number, pluginPath: string): string {
  return [
    `bootstrap.servers=${bootstrap}`,
    `group.id=${connectTopics.groupId}`,
    'key.converter=org.apache.kafka.connect.json.JsonConverter',
    'value.converter=org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable=false',
    'value.converter.schemas.enable=false',
    `config.storage.topic=${connectTopics.configTopic}`,
    `offset.storage.topic=${connectTopics.offsetTopic}`,
    `status.storage.topic=${connectTopics.statusTopic}`,
    'config.storage.replication.factor=1',
    'offset.storage.replication.factor=1',
    'status.storage.replication.factor=1',
    'offset.storage.partitions=1',
    'status.storage.partitions=1',
    'offset.flush.interval.ms=1000',
    `listeners=http://127.0.0.1:${port}`,
    'rest.advertised.host.name=127.0.0.1',
    `rest.advertised.port=${port}`,
    `plugin.path=${pluginPath}`,
    'plugin.discovery=hybrid_warn',
    'scheduled.rebalance.max.delay.ms=0',
    // config providers, so compiled configs with ${env:VAR} and ${file:path:key} resolve on the worker
    'config.providers=env,file',
    'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    'config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
    '',
  ].join('\n')
}

/** Starts a distributed-mode Kafka Connect worker against a running broker and waits for GET /health. */
export async function startConnect(options: StartOptions & { readonly bootstrap: string }): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const dir = (...parts: string[]): string => infraDir('connect', ...parts)
  const port = await freePort(lastPorts('connect')?.['rest'] ?? 8083)
  // the JDK's own JMX on loopback, no credentials (a throw-away test worker): tests read Kafka Connect's metrics there
  const jmx = await freePort(lastPorts('connect')?.['jmx'] ?? 9999, new Set([port]))
  rememberPorts('connect', { rest: port, jmx })
  for (const sub of ['conf', 'logs', 'work']) mkdirSync(dir(sub), { recursive: true })
  writeFileSync(dir('conf', 'connect-distributed.properties'), workerProperties(options.bootstrap, port, connectPluginsDir()))
  const logging = writeLoggingConfig(dir('conf'), 'connect', 'INFO')
  const logFile = dir('logs', 'connect.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(javaBin(), [
    '-Xms256m', '-Xmx1536m', ...kafkaJvmOptions,
    '-Dcom.sun.management.jmxremote', `-Dcom.sun.management.jmxremote.port=${String(jmx)}`, `-Dcom.sun.management.jmxremote.rmi.port=${String(jmx)}`,
    '-Dcom.sun.management.jmxremote.host=127.0.0.1', '-Djava.rmi.server.hostname=127.0.0.1', '-Dcom.sun.management.jmxremote.authenticate=false', '-Dcom.sun.management.jmxremote.ssl=false',
    logging, `-Dkafka.logs.dir=${dir('logs')}`,
    '-cp', `${kafkaLibsDir()}/*`,
    'org.apache.kafka.connect.cli.ConnectDistributed', dir('conf', 'connect-distributed.properties'),
  ], logFile, dir('work'))
  options.onSpawn?.(pid)
  const url = `http://127.0.0.1:${port}`
  await waitUntil('connect', pid, logFile, 240_000, async () => (await fetch(`${url}/health`)).ok)
  return { name: 'connect', pid, ports: { rest: port, jmx }, endpoint: url, logFile, info: { ...connectTopics, bootstrap: options.bootstrap, jmx: `127.0.0.1:${String(jmx)}` } }
}
