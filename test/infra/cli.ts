import { Command } from 'commander'
import { fetchAll } from './fetch.js'
import { down, status, up } from './infra.js'
import { serverNames, type ServerName } from './state.js'

const log = (line: string): void => { console.log(line) }

function parseNames(names: readonly string[]): ServerName[] {
  if (names.length === 0) return [...serverNames]
  const unknown = names.filter((name) => !(serverNames as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw new Error(`unknown server '${unknown.join("', '")}': expected one of ${serverNames.join(', ')}`)
  }
  return names as ServerName[]
}

const program = new Command('pnpm infra')
  .description('real Kafka, Kafka Connect, Cassandra and PostgreSQL (logical decoding) servers on 127.0.0.1 for tests and benchmarks')
  .showHelpAfterError()

program.command('fetch')
  .description('download the server jars from Maven Central into .infra/ (once; later runs fetch nothing)')
  .action(() => {
    const fetched = fetchAll(log)
    log(fetched.length === 0 ? 'all server jars are in place: nothing fetched' : `fetched ${fetched.join(', ')}`)
  })

program.command('up')
  .description('start servers (default: all) and wait until each is ready; Connect starts Kafka too')
  .argument('[servers...]', `any of ${serverNames.join(', ')}`)
  .option('--keep-data', 'keep the data of the previous run instead of starting empty')
  .action(async (names: string[], options: { keepData?: boolean }) => {
    const started = await up(parseNames(names), { log, keepData: options.keepData ?? false })
    if (started.length === 0) log('already running: nothing started')
  })

program.command('down')
  .description('stop servers (default: all) by the process ids recorded when they started')
  .argument('[servers...]', `any of ${serverNames.join(', ')}`)
  .action(async (names: string[]) => {
    const stopped = await down(parseNames(names), log)
    if (stopped.length === 0) log('nothing was running')
  })

program.command('status')
  .description('print what runs where')
  .option('--json', 'print the servers as JSON')
  .action((options: { json?: boolean }) => {
    const running = status()
    if (options.json === true) { log(JSON.stringify(running, null, 2)); return }
    if (running.length === 0) { log('no server is running'); return }
    for (const server of running) {
      const owner = server.ownerPid === undefined ? '' : ` (owned by test run ${server.ownerPid})`
      log(`${server.name.padEnd(17)} ${server.endpoint.padEnd(24)} pid ${String(server.pid).padEnd(8)} log ${server.logFile}${owner}`)
    }
  })

program.parseAsync().catch((error: unknown) => {
  console.error(`infra: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
