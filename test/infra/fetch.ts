import { createHash } from 'node:crypto'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { infraDir, javaBin, pomPath } from './paths.js'
import { kafkaLine, mavenVersionArgs } from './versions.js'

/**
 * The jars of each Kafka line live in their own folders, so switching PIPE_KAFKA_VERSION back and forth
 * downloads nothing twice: the broker and worker classpath, and the worker's plugin.path.
 */
export const kafkaLibsDir = (): string => infraDir('kafka', `libs-${kafkaLine().kafka}`)
export const connectPluginsDir = (): string => infraDir('connect', `plugins-${kafkaLine().kafka}`)

/** What Maven fetches: a pom, the goals that copy its jars, and the folder they land in. */
interface Artifact {
  readonly name: string
  /** the servers that need these jars */
  readonly servers: readonly string[]
  /** true when the jars depend on the Kafka line (PIPE_KAFKA_VERSION) */
  readonly perKafkaLine: boolean
  readonly pom: string
  readonly dir: () => string
  readonly goals: (dir: string) => string[]
  /** a step after Maven, in the same folder */
  readonly after?: (dir: string) => void
}

const copyDependencies = (dir: string): string[] => ['dependency:copy-dependencies', `-DoutputDirectory=${dir}`]

export const artifacts: readonly Artifact[] = [
  { name: 'kafka', servers: ['kafka', 'connect', 'kafka-secure'], perKafkaLine: true, pom: 'kafka', dir: kafkaLibsDir, goals: copyDependencies },
  { name: 'cassandra', servers: ['cassandra'], perKafkaLine: false, pom: 'cassandra', dir: () => infraDir('cassandra', 'libs'), goals: copyDependencies },
  {
    name: 'connect-plugins',
    servers: ['connect'],
    perKafkaLine: true,
    pom: 'connect-plugins',
    dir: connectPluginsDir,
    goals: (dir) => ['dependency:copy@copy-jars', 'dependency:unpack@unpack-archives', `-Dplugins.dir=${dir}`],
    after: addConnectFileShim,
  },
  {
    name: 'camel-cassandra-sink',
    servers: ['connect'],
    perKafkaLine: true,
    pom: 'camel-cassandra-sink',
    dir: () => join(connectPluginsDir(), 'camel-cassandra-sink'),
    goals: copyDependencies,
  },
]

/**
 * When the line's connect-file is older than its worker (4.3.1 on Kafka 4.4.0: the registry serves no newer),
 * compiles connect-file-shim/ (the AppInfoParser that Kafka 4.4 moved) into the connect-file plugin folder.
 */
function addConnectFileShim(pluginsDir: string): void {
  const line = kafkaLine()
  if (line.connectFile === line.kafka) return
  const source = join(dirname(pomPath('connect-plugins')), 'connect-file-shim')
  const classes = join(pluginsDir, '..', `connect-file-shim-${line.kafka}`)
  rmSync(classes, { recursive: true, force: true })
  const javaFiles = ['org/apache/kafka/common/utils/AppInfoParser.java'].map((file) => join(source, file))
  const jdk = dirname(javaBin())
  const tool = (name: string): string => jdk === '.' ? name : join(jdk, name)
  execFileSync(tool('javac'), ['--release', '17', '-cp', join(kafkaLibsDir(), '*'), '-d', classes, ...javaFiles], { stdio: ['ignore', 'pipe', 'pipe'] })
  execFileSync(tool('jar'), ['cf', join(pluginsDir, 'connect-file', 'connect-file-appinfo-shim.jar'), '-C', classes, '.'], { stdio: ['ignore', 'pipe', 'pipe'] })
  rmSync(classes, { recursive: true, force: true })
}

const lineSuffix = (artifact: Artifact): string => artifact.perKafkaLine ? `-${kafkaLine().kafka}` : ''
/** The file that records which pom (and Kafka line) the jars of an artifact were fetched for. */
export const markerOf = (artifact: Artifact): string => join(infraDir('.fetched'), `${artifact.name}${lineSuffix(artifact)}.sha256`)
const mavenArgs = (artifact: Artifact): string[] => artifact.perKafkaLine ? mavenVersionArgs() : []
const pomHash = (artifact: Artifact): string =>
  createHash('sha256').update(readFileSync(pomPath(artifact.pom))).update(mavenArgs(artifact).join(' ')).digest('hex')

/** True when the jars of this artifact are in place for the current pom: nothing to download. */
export function isFetched(artifact: Artifact): boolean {
  const marker = markerOf(artifact)
  return existsSync(marker) && readFileSync(marker, 'utf8') === pomHash(artifact) && existsSync(artifact.dir())
}

/** Fails with the command to run when Java 17 or Maven is missing. */
export function checkToolchain(): void {
  const java = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' })
  if (java.error !== undefined || java.status !== 0) {
    throw new Error('java not found: install a Java 17 JDK (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME')
  }
  const version = /version "(\d+)/.exec(java.stderr)?.[1]
  if (version !== '17') {
    throw new Error(`java ${version ?? '?'} found, the test servers need Java 17 (Cassandra 5.0 runs on 11 or 17 only): set JAVA_HOME to a Java 17 JDK`)
  }
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' })
  if (mvn.error !== undefined || mvn.status !== 0) {
    throw new Error('mvn not found: install Apache Maven (apt-get install maven); it fetches the servers from Maven Central')
  }
}

/**
 * Copies the jars that are missing or whose pom changed, for the given servers (default: all).
 * Returns the names fetched; an empty list means nothing was downloaded.
 */
export function fetchAll(log: (line: string) => void = () => undefined, servers?: readonly string[]): string[] {
  const wanted = artifacts.filter((artifact) => servers === undefined || artifact.servers.some((server) => servers.includes(server)))
  const missing = wanted.filter((artifact) => !isFetched(artifact))
  if (missing.length === 0) return []
  checkToolchain()
  mkdirSync(infraDir('.fetched'), { recursive: true })
  for (const artifact of missing) {
    const dir = artifact.dir()
    log(`fetching ${artifact.name} from Maven Central into ${dir}`)
    if (artifact.name !== 'connect-plugins') rmSync(dir, { recursive: true, force: true })
    try {
      execFileSync('mvn', ['-B', '-ntp', '-q', '-f', pomPath(artifact.pom), ...mavenArgs(artifact), ...artifact.goals(dir)], { stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      const output = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '')
      throw new Error(`maven could not fetch ${artifact.name} (${pomPath(artifact.pom)}):\n${output.trim()}\nrerun \`pnpm infra fetch\` once Maven Central is reachable`)
    }
    artifact.after?.(dir)
    writeFileSync(markerOf(artifact), pomHash(artifact))
  }
  return missing.map((artifact) => artifact.name)
}

/** The jar of a library in a libs folder, e.g. jamm for Cassandra's -javaagent. */
export function findJar(dir: string, prefix: string): string {
  const jar = readdirSync(dir).find((file) => file.startsWith(prefix) && file.endsWith('.jar'))
  if (jar === undefined) throw new Error(`no ${prefix}*.jar in ${dir}: run \`pnpm infra fetch\``)
  return join(dir, jar)
}
