import { isListening } from './ports.js'
import { down, up } from './infra.js'
import { neededServers } from './needs.js'
import { signalGroup } from './process.js'
import type { ServerName } from './state.js'

const log = (line: string): void => { console.log(`[infra] ${line}`) }

async function checkPostgres(): Promise<void> {
  const port = Number(process.env['PGPORT'] ?? 5432)
  if (!await isListening(port)) {
    throw new Error(
      `PostgreSQL is not listening on 127.0.0.1:${port}. Start the machine's server with ` +
      '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`',
    )
  }
}

/**
 * The machine's MariaDB (root without a password on 127.0.0.1), as the machine's PostgreSQL: the CI
 * machine is this image, which has the service installed; a machine without it says what to run.
 */
async function checkMariadb(): Promise<void> {
  const port = Number(process.env['MARIADB_PORT'] ?? 3306)
  if (!await isListening(port)) {
    throw new Error(
      `MariaDB is not listening on 127.0.0.1:${port}. Start the machine's server with \`service mariadb start\` ` +
      '(install it with `apt-get install mariadb-server`), or set MARIADB_PORT',
    )
  }
}

/**
 * Starts exactly the servers the selected integration tests declare, once per run, and stops the
 * ones it started at the end. Every server it spawns is watched from its first second by a watchdog
 * that stops it once this process is gone (Ctrl-C, a crash, kill -9), also in the middle of start-up.
 * Servers already running (from `pnpm infra up`) are used as they are and left running.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const { files, needs } = neededServers(process.argv)
  log(`${files.length} integration test file(s) need: ${needs.length === 0 ? 'no server' : needs.join(', ')}`)
  if (needs.includes('postgres')) await checkPostgres()
  if (needs.includes('mariadb')) await checkMariadb()
  const managed = needs.filter((name): name is ServerName => name !== 'postgres' && name !== 'mariadb')
  const spawned = new Map<ServerName, number>()
  const onSignal = (): void => {
    // stop what is running or still starting, then let the run end as Ctrl-C ends it
    for (const pid of spawned.values()) signalGroup(pid, 'SIGTERM')
    process.exitCode = 130
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    await up(managed, { ownerPid: process.pid, log, onSpawn: (name, pid) => spawned.set(name, pid) })
  } catch (error) {
    throw new Error(`could not start the test servers (${managed.join(', ')}): ${error instanceof Error ? error.message : String(error)}`)
  }
  return async () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await down([...spawned.keys()], log)
  }
}
