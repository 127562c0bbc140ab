import type { Command } from 'commander'
import { connectClient, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import { renderStatus, renderStatusTable, statusJson, statusView } from '../report/render-status.js'
import { reportConnectError } from '../report/report-connect-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { durationOption } from '../run/run-options.js'
import { UserError } from '../errors/user-error.js'
import { watchStatus } from './status-watch.js'

export interface StatusOptions {
  readonly connect?: string
  readonly json?: boolean
  readonly watch?: boolean
  readonly interval?: string
}

/** `pipe status [name]`: every connector with its state and owner, or one connector with its tasks and traces. */
export async function runStatus(name: string | undefined, options: StatusOptions, io: IoHost): Promise<ExitCode> {
  const json = options.json === true
  const client = connectClient(options.connect)
  try {
    if (options.watch === true) {
      if (name !== undefined) throw new UserError('PIPE_USAGE', `--watch shows every connector (got '${name}')`, 'drop the connector name, or drop --watch')
      const interval = durationOption('--interval', options.interval) ?? 2000
      if (interval < 100) throw new UserError('PIPE_INVALID_OPTION', `invalid --interval '${options.interval ?? ''}': expected at least 100ms`, 'pass --interval 1s, for example')
      return await watchStatus(client, io, interval, json)
    }
    if (name !== undefined) {
      const status = await client.status(name)
      io.out(json ? `${JSON.stringify({ status: 'ok', connector: statusView(status) }, null, 2)}\n` : renderStatus(status))
      return 0
    }
    const connectors = await client.listConnectors()
    io.out(json
      ? `${JSON.stringify({ status: 'ok', connect: client.url, connectors: connectors.map(statusJson) }, null, 2)}\n`
      : renderStatusTable(connectors, client.url))
    return 0
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'status', error, json)
    return reportConnectError(io, 'status', error, json)
  }
}

export function registerStatus(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('status')
    .description('show the state of every connector on a Kafka Connect cluster, or of one with its tasks')
    .argument('[name]', 'a connector name')
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--json', 'print the status as JSON on stdout (with --watch: one JSON line per reading)')
    .option('--watch', 'show every connector again every --interval until Ctrl-C, with records/s, lag and errors where the worker serves /metrics (pipe worker)')
    .option('--interval <duration>', 'how often --watch reads the worker (500ms, 2s, 1m)', '2s')
    .action(async (name: string | undefined, options: StatusOptions) => {
      setExitCode(await runStatus(name, options, io))
    })
}
