import type { Command } from 'commander'
import { connectClient, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import type { OffsetsBody } from '@pipe/dsl/contract'
import type { KafkaConnectClient } from '../deploy/kafka-connect-client.js'
import { readOffsetsRequest, type OffsetsInput } from '../deploy/offsets-input.js'
import { DeployUserError } from '../errors/deploy-user-error.js'
import { reportConnectError } from '../report/report-connect-error.js'
import { ConnectError } from '../deploy/connect-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { shellQuote } from '../util/shell-quote.js'

export interface OffsetsOptions extends OffsetsInput {
  readonly connect?: string
  readonly json?: boolean
}

type Action = 'get' | 'alter' | 'reset'

const notStopped = (name: string, state: string): DeployUserError => new DeployUserError(
  'PIPE_CONNECTOR_NOT_STOPPED',
  `connector '${name}' is ${state}: Kafka Connect changes offsets only while a connector is STOPPED`,
  `run \`pipe stop ${shellQuote(name)}\` first, then \`pipe resume ${shellQuote(name)}\` once the offsets are changed`,
)

/** Offsets change only on a STOPPED connector: refuse early with the fix, and map the worker's own 400 the same way. */
async function whileStopped(client: KafkaConnectClient, name: string, change: () => Promise<string>): Promise<string> {
  const { state } = (await client.status(name)).connector
  if (state !== 'STOPPED') throw notStopped(name, state)
  try {
    return await change()
  } catch (error) {
    if (error instanceof ConnectError && error.status === 400 && /STOPPED state/.test(error.message)) throw notStopped(name, 'not STOPPED')
    throw error
  }
}

const renderOffsets = (name: string, body: OffsetsBody): string => (body.offsets.length === 0
  ? `${name} has no committed offsets\n`
  : body.offsets.map((o) => `${JSON.stringify(o.partition)} -> ${JSON.stringify(o.offset)}\n`).join(''))

/** `pipe offsets get|alter|reset <name>` through Kafka Connect's offsets API (KIP-875). */
export async function runOffsets(action: Action, name: string, options: OffsetsOptions, io: IoHost, cwd: string, client = connectClient(options.connect)): Promise<ExitCode> {
  const json = options.json === true
  try {
    if (action === 'get') {
      const body = await client.getOffsets(name)
      io.out(json ? `${JSON.stringify({ status: 'ok', connector: name, ...body }, null, 2)}\n` : renderOffsets(name, body))
      return 0
    }
    const request = action === 'alter' ? await readOffsetsRequest(options, cwd) : undefined
    const message = await whileStopped(client, name, () => (request === undefined ? client.resetOffsets(name) : client.alterOffsets(name, request)))
    io.out(json ? `${JSON.stringify({ status: 'ok', connector: name, message })}\n` : `${message}\n`)
    return 0
  } catch (error) {
    return reportConnectError(io, `offsets ${action}`, error, json)
  }
}

export function registerOffsets(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  const offsets = program.command('offsets').description("read or change a connector's offsets (Kafka Connect's offsets API; changes need a STOPPED connector)")
  const common = (command: Command): Command => command
    .argument('<name>', 'the connector name')
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--json', 'print the result as JSON on stdout')
  const run = (action: Action) => async (name: string, options: OffsetsOptions): Promise<void> => {
    setExitCode(await runOffsets(action, name, options, io, process.cwd()))
  }
  common(offsets.command('get').description('print the committed offsets (GET /connectors/{name}/offsets)')).action(run('get'))
  common(offsets.command('alter').description('set offsets of a STOPPED connector (PATCH /connectors/{name}/offsets)'))
    .option('--partition <json>', `a source partition, e.g. '{"filename":"/data/in.txt"}' or '{"kafka_topic":"t","kafka_partition":0}'`)
    .option('--offset <json>', `its new offset, e.g. '{"position":42}' or '{"kafka_offset":5}' (null resets it)`)
    .option('--file <path>', 'a JSON file with Kafka Connect\'s offsets body: {"offsets":[{"partition":{...},"offset":{...}}]}')
    .action(run('alter'))
  common(offsets.command('reset').description('reset all offsets of a STOPPED connector (DELETE /connectors/{name}/offsets)')).action(run('reset'))
}
