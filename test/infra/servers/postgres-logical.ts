import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { infraDir, infraHome } from '../paths.js'
import { freePort, isListening } from '../ports.js'
import { isAlive, startDetached, stopProcess } from '../process.js'
import { lastPorts, rememberPorts, type ServerState } from '../state.js'
import { logContains, waitUntil } from '../wait.js'
import type { StartOptions } from './kafka.js'

/** The superuser and database initdb creates; trust authentication on 127.0.0.1, replication included. */
export const postgresLogicalLogin = { user: 'postgres', database: 'postgres' } as const

/** Where the Debian/Ubuntu packages put PostgreSQL's server binaries (initdb is not on PATH). */
const debianRoot = '/usr/lib/postgresql'

/**
 * The bin folder of the newest PostgreSQL server on the machine, or PIPE_PG_BIN when set.
 *
 * @example
 * postgresBin() // '/usr/lib/postgresql/15/bin'
 */
export function postgresBin(): string {
  const override = process.env['PIPE_PG_BIN']
  if (override !== undefined) return override
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot).filter((version) => existsSync(join(debianRoot, version, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : []
  const newest = versions[0]
  if (newest === undefined) {
    throw new Error(`no PostgreSQL server binaries in ${debianRoot}/*/bin: install them (apt-get install postgresql) or set PIPE_PG_BIN to a folder with initdb and postgres`)
  }
  return join(debianRoot, newest, 'bin')
}

type Account = { readonly uid: number; readonly gid: number }

/**
 * PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user, else as
 * the current user. Returns the uid/gid to spawn with (none when no switch is needed).
 */
function serverUser(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` user: create it (adduser --system --group postgres) or run as another user')
  }
}

/** Whether `account` can enter `dir` (and so every folder above it): `test -x` run as that account. */
function canEnter(dir: string, account: Account, write = false): boolean {
  return spawnSync('test', [write ? '-w' : '-x', dir], { ...account, stdio: 'ignore' }).status === 0
}

/**
 * Where the cluster's files go: PIPE_INFRA_HOME/postgres-logical/data, unless the server runs as `postgres` and cannot
 * enter that folder (a checkout under a private folder, such as one made by `mktemp -d`: mode 0700, owned by root).
 * Then a folder of its own under the temp folder, named after the infra home so a later run finds it again.
 */
function dataDirFor(home: string, account: Account | undefined): string {
  const inHome = join(home, 'data')
  if (account === undefined || canEnter(home, account)) return inHome
  const name = `pipe-postgres-logical-${createHash('sha256').update(infraHome()).digest('hex').slice(0, 12)}`
  const parent = [tmpdir(), '/var/tmp', '/tmp'].find((candidate) => canEnter(candidate, account, true))
  if (parent === undefined) {
    throw new Error(`the postgres user cannot enter ${home} (a folder above it is private) nor write to ${tmpdir()}, /var/tmp or /tmp: ` +
      'clone the repository under a folder others can enter (chmod o+x on the folders above it), or set PIPE_INFRA_HOME to one')
  }
  return join(parent, name)
}

/** The server settings, on its command line so a restart on a new port needs no edited file. */
function settings(port: number): string[] {
  const values: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    // TCP only: the machine's server owns /var/run/postgresql, and socket paths have a length limit
    unix_socket_directories: '',
    wal_level: 'logical',
    max_replication_slots: '20',
    max_wal_senders: '20',
    max_connections: '200',
    max_wal_size: '2GB',
    // a throw-away test server: no fsync (commits still reach the WAL at once, so decoding sees them at once)
    fsync: 'off',
    full_page_writes: 'off',
    logging_collector: 'off',
    log_min_messages: 'warning',
  }
  return Object.entries(values).flatMap(([key, value]) => ['-c', `${key}=${value}`])
}

const hba = [
  '# written by test/infra: trust on loopback, replication connections included (a throw-away test server)',
  'local all all trust',
  'host replication all 127.0.0.1/32 trust',
  'host all all 127.0.0.1/32 trust',
  '',
].join('\n')

/**
 * Starts a PostgreSQL with `wal_level=logical` (CDC, Debezium) from the machine's server binaries, its
 * cluster under PIPE_INFRA_HOME/postgres-logical; ready when it accepts TCP connections.
 *
 * @example
 * const state = await startPostgresLogical({ keepData: false })
 * // state.endpoint === '127.0.0.1:5433'
 */
export async function startPostgresLogical(options: StartOptions): Promise<Omit<ServerState, 'startedAt' | 'startupMs'>> {
  const dir = (...parts: string[]): string => infraDir('postgres-logical', ...parts)
  const bin = postgresBin()
  const user = serverUser()
  const previous = lastPorts('postgres-logical')
  const port = await freePort(previous?.['pg'] ?? 5433)
  rememberPorts('postgres-logical', { pg: port })
  mkdirSync(dir('logs'), { recursive: true })
  const dataDir = dataDirFor(dir(), user)
  if (!options.keepData) rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  if (user !== undefined) chownSync(dataDir, user.uid, user.gid)
  const as = user ?? {}
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    try {
      execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', postgresLogicalLogin.user, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
        ...as, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'],
      })
    } catch (error) {
      const output = String((error as { stderr?: Buffer }).stderr ?? '').trim()
      throw new Error(`initdb failed for ${dataDir} (as ${user === undefined ? userInfo().username : 'postgres'}): ${output}`)
    }
  }
  writeFileSync(join(dataDir, 'pg_hba.conf'), hba)
  if (user !== undefined) chownSync(join(dataDir, 'pg_hba.conf'), user.uid, user.gid)
  const logFile = dir('logs', 'postgres.log')
  rmSync(logFile, { force: true })
  const pid = startDetached(join(bin, 'postgres'), ['-D', dataDir, ...settings(port)], logFile, dataDir, user)
  options.onSpawn?.(pid)
  const ready = logContains(logFile, 'database system is ready to accept connections')
  await waitUntil('postgres-logical', pid, logFile, 60_000, async () => await ready() && await isListening(port))
  const { user: login, database } = postgresLogicalLogin
  return {
    name: 'postgres-logical', pid, ports: { pg: port }, endpoint: `127.0.0.1:${port}`, logFile,
    info: { user: login, database, bin, dataDir },
  }
}

/**
 * Stops the server with a fast shutdown (SIGINT to the postmaster: clients and replication
 * connections are closed, a checkpoint is written), then falls back to the harness's SIGTERM/SIGKILL.
 *
 * @example
 * await stopPostgresLogical(state.pid)
 */
export async function stopPostgresLogical(pid: number): Promise<void> {
  if (!isAlive(pid)) return
  try { process.kill(pid, 'SIGINT') } catch { return }
  const deadline = Date.now() + 15_000
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  await stopProcess(pid)
}
