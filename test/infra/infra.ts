import { fetchAll } from './fetch.js'
import { startWatchdog, stopProcess } from './process.js'
import { startCassandra } from './servers/cassandra.js'
import { startConnect } from './servers/connect.js'
import { startKafka } from './servers/kafka.js'
import { startKafkaSecure } from './servers/kafka-secure.js'
import { startPostgresLogical, stopPostgresLogical } from './servers/postgres-logical.js'
import { startPrometheus } from './servers/prometheus.js'
import { clearState, readState, runningServers, serverNames, writeState, type ServerName, type ServerState } from './state.js'

export interface UpOptions {
  /** pid of the test run that owns the servers it starts */
  readonly ownerPid?: number
  readonly keepData?: boolean
  readonly log?: (line: string) => void
  /** told each server's pid as soon as it is spawned, before it is ready */
  readonly onSpawn?: (name: ServerName, pid: number) => void
}

/** The servers to start for `names`, dependencies first: Connect needs Kafka. */
export function withDependencies(names: readonly ServerName[]): ServerName[] {
  const wanted = new Set(names)
  if (wanted.has('connect')) wanted.add('kafka')
  return serverNames.filter((name) => wanted.has(name))
}

async function startOne(name: ServerName, options: UpOptions): Promise<ServerState> {
  const began = Date.now()
  let spawnedPid: number | undefined
  const start = {
    keepData: options.keepData ?? false,
    onSpawn: (pid: number): void => {
      spawnedPid = pid
      // a server owned by a test run is watched from its first second: Ctrl-C during start-up leaks nothing
      if (options.ownerPid !== undefined) startWatchdog(options.ownerPid, [pid])
      options.onSpawn?.(name, pid)
    },
  }
  let started: Awaited<ReturnType<typeof startKafka>>
  try {
    started = name === 'kafka'
      ? await startKafka(start)
      : name === 'connect'
        ? await startConnect({ ...start, bootstrap: requireRunning('kafka').endpoint })
        : name === 'postgres-logical'
          ? await startPostgresLogical(start)
          : name === 'kafka-secure'
            ? await startKafkaSecure(start)
            : name === 'prometheus'
              ? await startPrometheus(start)
              : await startCassandra(start)
  } catch (error) {
    // not ready in time, or broken: a process that never became ready is stopped, not left behind
    if (spawnedPid !== undefined) await stopServerProcess(name, spawnedPid, 5_000)
    throw error
  }
  const state: ServerState = {
    ...started,
    startedAt: new Date(began).toISOString(),
    startupMs: Date.now() - began,
    ...(options.ownerPid === undefined ? {} : { ownerPid: options.ownerPid }),
  }
  writeState(state)
  options.log?.(`${name} ready at ${state.endpoint} in ${(state.startupMs / 1000).toFixed(1)}s (pid ${state.pid}, log ${state.logFile})`)
  return state
}

function requireRunning(name: ServerName): ServerState {
  const state = readState(name)
  if (state === undefined) throw new Error(`${name} is not running: run \`pnpm infra up ${name}\``)
  return state
}

/**
 * Starts what is not running yet: Kafka first, then Connect and Cassandra side by side.
 * Returns the servers this call started (the caller owns them).
 */
export async function up(names: readonly ServerName[], options: UpOptions = {}): Promise<ServerState[]> {
  const todo = withDependencies(names).filter((name) => readState(name) === undefined)
  if (todo.length === 0) return []
  fetchAll(options.log, todo)
  const started: ServerState[] = []
  const track = async (name: ServerName): Promise<void> => { started.push(await startOne(name, options)) }
  try {
    if (todo.includes('kafka')) await track('kafka')
    await Promise.all(todo.filter((name) => name !== 'kafka').map(track))
  } catch (error) {
    // leave nothing half-started behind: stop what this call started, then report
    await down(started.map((state) => state.name))
    throw error
  }
  return started
}

/** PostgreSQL stops cleanly on SIGINT (fast shutdown); the JVM servers on SIGTERM to their group. */
async function stopServerProcess(name: ServerName, pid: number, graceMs?: number): Promise<void> {
  if (name === 'postgres-logical') await stopPostgresLogical(pid)
  else await stopProcess(pid, graceMs)
}

/** Stops servers by the pids recorded at start, Connect before Kafka. Default: every running one. */
export async function down(names: readonly ServerName[] = serverNames, log?: (line: string) => void): Promise<ServerName[]> {
  const order: ServerName[] = ['connect', 'cassandra', 'postgres-logical', 'prometheus', 'kafka-secure', 'kafka']
  const stopped: ServerName[] = []
  for (const name of order.filter((candidate) => names.includes(candidate))) {
    const state = readState(name)
    if (state === undefined) continue
    await stopServerProcess(name, state.pid)
    clearState(name)
    stopped.push(name)
    log?.(`${name} stopped (pid ${state.pid})`)
  }
  return stopped
}

export function status(): ServerState[] {
  return runningServers()
}

/**
 * Stops a running server for a fault test and returns what is needed to bring it back with
 * `restartServer`: same ports, same data, same owning test run.
 */
export async function stopServer(name: ServerName): Promise<ServerState> {
  const state = readState(name)
  if (state === undefined) throw new Error(`${name} is not running: run \`pnpm infra up ${name}\``)
  await stopServerProcess(name, state.pid)
  clearState(name)
  return state
}

export async function restartServer(previous: ServerState): Promise<ServerState> {
  const options: UpOptions = previous.ownerPid === undefined ? { keepData: true } : { keepData: true, ownerPid: previous.ownerPid }
  return startOne(previous.name, options)
}
