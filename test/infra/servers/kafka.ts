import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { kafkaLibsDir } from '../fetch.js'
import { infraDir, javaBin } from '../paths.js'
import { freePort, isListening } from '../ports.js'
import { startDetached } from '../process.js'
import { lastPorts, rememberPorts, type ServerState } from '../state.js'
import { kafkaLine } from '../versions.js'
import { logContains, waitUntil } from '../wait.js'

/** Any 22-character URL-safe base64 of 16 bytes is a valid KRaft cluster id. */
const clusterId = 'cGlwZS10ZXN0LWNsdXN0ZXI'

export const kafkaJvmOptions = [
  '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true',
]

const quietLoggers = ['kafka.request.logger', 'state.change.logger']

/**
 * The logging config of the Kafka line in use, written as `<name>` in `dir`, and the JVM flag that
 * points at it: log4j 1 properties for Kafka 3.x (reload4j), log4j2 properties for Kafka 4.x (KIP-653).
 */
export function writeLoggingConfig(dir: string, name: string, level: 'INFO' | 'WARN'): string {
  const pattern = '[%d] %p %X{connector.context}%m (%c)%n'
  if (kafkaLine().log4j === 1) {
    const file = join(dir, `${name}-log4j.properties`)
    writeFileSync(file, [
      `log4j.rootLogger=${level}, stdout`,
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      `log4j.appender.stdout.layout.ConversionPattern=${pattern}`,
      ...quietLoggers.map((logger) => `log4j.logger.${logger}=WARN`),
      'log4j.logger.org.reflections=ERROR',
      '',
    ].join('\n'))
    return `-Dlog4j.configuration=file:${file}`
  }
  const file = join(dir, `${name}-log4j2.properties`)
  writeFileSync(file, [
    'status=warn',
    'appender.stdout.type=Console',
    'appender.stdout.name=STDOUT',
    'appender.stdout.layout.type=PatternLayout',
    `appender.stdout.layout.pattern=${pattern}`,
    `rootLogger.level=${level}`,
    'rootLogger.appenderRef.stdout.ref=STDOUT',
    ...[...quietLoggers, 'org.reflections'].flatMap((logger, index) => [
      `logger.quiet${index}.name=${logger}`,
      `logger.quiet${index}.level=${logger === 'org.reflections' ? 'ERROR' : 'WARN'}`,
    ]),
    '',
  ].join('\n'))
  return `-Dlog4j2.configurationFile=${file}`
}

function serverProperties(broker: number, controller: number, dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${broker},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${broker}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=4',
    '',
  ].join('\n')
}

export interface StartOptions {
  /** keep the data of the previous run (restart after a stop); otherwise start empty */
  readonly keepData: boolean
  /** told the pid as soon as the process exists, before it is ready (watchdogs, signal handlers) */
  readonly onSpawn?: (pid: number) => void
}

/** Starts a single-node KRaft broker (combined broker and controller) and waits until it serves. */
export async function startKafka(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const dir = (...parts: string[]): string => infraDir('kafka', ...parts)
  const previous = options.keepData ? lastPorts('kafka') : undefined
  const broker = await freePort(previous?.['broker'] ?? 9092)
  const controller = await freePort(previous?.['controller'] ?? 9093, new Set([broker]))
  const dataDir = dir('data')
  if (!options.keepData || previous?.['broker'] !== broker || previous['controller'] !== controller) {
    rmSync(dataDir, { recursive: true, force: true })
  }
  for (const sub of ['conf', 'logs', 'data']) mkdirSync(dir(sub), { recursive: true })
  rememberPorts('kafka', { broker, controller })
  writeFileSync(dir('conf', 'server.properties'), serverProperties(broker, controller, dataDir))
  const brokerLogging = writeLoggingConfig(dir('conf'), 'broker', 'INFO')
  const toolsLogging = writeLoggingConfig(dir('conf'), 'tools', 'WARN')
  const classpath = `${kafkaLibsDir()}/*`
  execFileSync(javaBin(), [
    '-Xmx256m', toolsLogging, '-cp', classpath,
    'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', dir('conf', 'server.properties'), '--ignore-formatted',
  ], { stdio: ['ignore', 'pipe', 'pipe'] })
  const logFile = dir('logs', 'kafka.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(javaBin(), [
    '-Xms512m', '-Xmx1g', ...kafkaJvmOptions,
    brokerLogging, `-Dkafka.logs.dir=${dir('logs')}`,
    '-cp', classpath, 'kafka.Kafka', dir('conf', 'server.properties'),
  ], logFile, dir())
  options.onSpawn?.(pid)
  const started = logContains(logFile, 'Kafka Server started')
  await waitUntil('kafka', pid, logFile, 120_000, async () => await started() && await isListening(broker))
  return { name: 'kafka', pid, ports: { broker, controller }, endpoint: `127.0.0.1:${broker}`, logFile }
}
