import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { kafkaLibsDir } from '../fetch.js'
import { infraDir, javaBin } from '../paths.js'
import { freePort, isListening } from '../ports.js'
import { startDetached } from '../process.js'
import { lastPorts, rememberPorts, type ServerName, type ServerState } from '../state.js'
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

/** server.properties lines every test broker shares (single node, replication 1, quick group joins). */
export function singleNodeProperties(dataDir: string): string[] {
  return [
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
  ]
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
    ...singleNodeProperties(dataDir),
    '',
  ].join('\n')
}

export interface StartOptions {
  /** keep the data of the previous run (restart after a stop); otherwise start empty */
  readonly keepData: boolean
  /** told the pid as soon as the process exists, before it is ready (watchdogs, signal handlers) */
  readonly onSpawn?: (pid: number) => void
}

/** A single-node KRaft broker of test/infra: its folder under the infra home, ports and server.properties. */
export interface KraftBroker {
  readonly name: ServerName
  /** the ports with their previous numbers (kept on a restart); `broker` is waited for */
  readonly ports: Readonly<Record<string, number>>
  readonly properties: (ports: Readonly<Record<string, number>>, dataDir: string) => string
  /** more arguments of `kafka-storage format` (e.g. `--add-scram ...`) */
  readonly formatArgs?: readonly string[]
}

/** Free ports for `wanted` (previous numbers first when data is kept), none equal to another. */
async function choosePorts(name: ServerName, wanted: Readonly<Record<string, number>>, keepData: boolean): Promise<Record<string, number>> {
  const previous = keepData ? lastPorts(name) : undefined
  const taken = new Set<number>()
  const ports: Record<string, number> = {}
  for (const [key, fallback] of Object.entries(wanted)) {
    const port = await freePort(previous?.[key] ?? fallback, taken)
    taken.add(port)
    ports[key] = port
  }
  return ports
}

/** Formats the storage of a KRaft broker and starts it; resolves when it serves on its `broker` port. */
export async function startKraftBroker(spec: KraftBroker, options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const dir = (...parts: string[]): string => infraDir(spec.name, ...parts)
  const previous = options.keepData ? lastPorts(spec.name) : undefined
  const ports = await choosePorts(spec.name, spec.ports, options.keepData)
  const dataDir = dir('data')
  if (!options.keepData || Object.entries(ports).some(([k, v]) => previous?.[k] !== v)) rmSync(dataDir, { recursive: true, force: true })
  for (const sub of ['conf', 'logs', 'data']) mkdirSync(dir(sub), { recursive: true })
  rememberPorts(spec.name, ports)
  writeFileSync(dir('conf', 'server.properties'), spec.properties(ports, dataDir))
  const brokerLogging = writeLoggingConfig(dir('conf'), 'broker', 'INFO')
  const toolsLogging = writeLoggingConfig(dir('conf'), 'tools', 'WARN')
  const classpath = `${kafkaLibsDir()}/*`
  execFileSync(javaBin(), [
    '-Xmx256m', toolsLogging, '-cp', classpath,
    'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', dir('conf', 'server.properties'), '--ignore-formatted', ...(spec.formatArgs ?? []),
  ], { stdio: ['ignore', 'pipe', 'pipe'] })
  const logFile = dir('logs', 'kafka.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(javaBin(), [
    '-Xms512m', '-Xmx1g', ...kafkaJvmOptions,
    brokerLogging, `-Dkafka.logs.dir=${dir('logs')}`,
    '-cp', classpath, 'kafka.Kafka', dir('conf', 'server.properties'),
  ], logFile, dir())
  options.onSpawn?.(pid)
  const broker = ports['broker'] ?? 0
  const started = logContains(logFile, 'Kafka Server started')
  await waitUntil(spec.name, pid, logFile, 120_000, async () => await started() && await isListening(broker))
  return { name: spec.name, pid, ports, endpoint: `127.0.0.1:${String(broker)}`, logFile }
}

/** Starts a single-node KRaft broker (combined broker and controller) and waits until it serves. */
export function startKafka(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  return startKraftBroker({
    name: 'kafka',
    ports: { broker: 9092, controller: 9093 },
    properties: (ports, dataDir) => serverProperties(ports['broker'] ?? 0, ports['controller'] ?? 0, dataDir),
  }, options)
}
