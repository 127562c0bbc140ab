import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { infraDir } from './paths.js'
import { isAlive } from './process.js'

export type ServerName = 'kafka' | 'connect' | 'cassandra' | 'postgres-logical' | 'kafka-secure' | 'prometheus'
export const serverNames: readonly ServerName[] = ['kafka', 'connect', 'cassandra', 'postgres-logical', 'kafka-secure', 'prometheus']

/** What a running server publishes for tests and `pnpm infra status`, in .infra/run/<name>.json. */
export interface ServerState {
  readonly name: ServerName
  readonly pid: number
  readonly ports: Readonly<Record<string, number>>
  readonly endpoint: string
  /** server-specific facts tests need, e.g. Connect's internal topic names */
  readonly info?: Readonly<Record<string, string>>
  readonly logFile: string
  readonly startedAt: string
  readonly startupMs: number
  /** pid of the test run that started it and stops it at its end; absent when started by `pnpm infra up` */
  readonly ownerPid?: number
}

const runDir = (): string => infraDir('run')
const stateFile = (name: ServerName): string => join(runDir(), `${name}.json`)

export function writeState(state: ServerState): void {
  mkdirSync(runDir(), { recursive: true })
  writeFileSync(stateFile(state.name), JSON.stringify(state, null, 2) + '\n')
}

/** The state of a server whose process is alive, else undefined (a stale file is removed). */
export function readState(name: ServerName): ServerState | undefined {
  const file = stateFile(name)
  if (!existsSync(file)) return undefined
  const state = JSON.parse(readFileSync(file, 'utf8')) as ServerState
  if (isAlive(state.pid)) return state
  rmSync(file, { force: true })
  return undefined
}

export function clearState(name: ServerName): void {
  rmSync(stateFile(name), { force: true })
}

export function runningServers(): ServerState[] {
  if (!existsSync(runDir())) return []
  return readdirSync(runDir())
    .map((file) => file.replace(/\.json$/, ''))
    .filter((name): name is ServerName => (serverNames as readonly string[]).includes(name))
    .map((name) => readState(name))
    .filter((state): state is ServerState => state !== undefined)
}

/** Ports a server used last time, so a restart keeps its address (and its data stays valid). */
export function lastPorts(name: ServerName): Record<string, number> | undefined {
  const file = infraDir(name, 'ports.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, number> : undefined
}

export function rememberPorts(name: ServerName, ports: Record<string, number>): void {
  mkdirSync(infraDir(name), { recursive: true })
  writeFileSync(infraDir(name, 'ports.json'), JSON.stringify(ports) + '\n')
}
