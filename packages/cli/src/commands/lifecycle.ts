import type { Command } from 'commander'
import { failuresOf, isSettled, waitUntilSettled } from '../deploy/apply-plan.js'
import type { ConnectorStatus } from '@pipe/dsl/contract'
import { connectClient, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import type { KafkaConnectClient } from '../deploy/kafka-connect-client.js'
import { renderStatus } from '../report/render-status.js'
import { reportConnectError } from '../report/report-connect-error.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'

export interface LifecycleOptions {
  readonly connect?: string
  readonly json?: boolean
  readonly wait?: boolean
  readonly includeTasks?: boolean
  readonly onlyFailed?: boolean
}

type Verb = 'pause' | 'resume' | 'stop' | 'restart'

interface VerbSpec {
  readonly description: string
  readonly done: string
  readonly call: (client: KafkaConnectClient, name: string, options: LifecycleOptions) => Promise<void>
  readonly reached: (status: ConnectorStatus) => boolean
}

const isRunning = (s: ConnectorStatus): boolean => s.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING')
const allTasks = (state: string) => (s: ConnectorStatus): boolean => s.connector.state === state && s.tasks.every((t) => t.state === state || t.state === 'FAILED')

const VERBS: Readonly<Record<Verb, VerbSpec>> = {
  pause: { description: 'pause a connector and its tasks (PUT /connectors/{name}/pause)', done: 'paused', call: (c, n) => c.pause(n), reached: allTasks('PAUSED') },
  // not isSettled: right after the request the worker may still report PAUSED or STOPPED
  resume: { description: 'resume a paused or stopped connector (PUT /connectors/{name}/resume)', done: 'resumed', call: (c, n) => c.resume(n), reached: (s) => failuresOf(s).length > 0 || isRunning(s) },
  stop: { description: 'stop a connector and remove its tasks, e.g. before changing its offsets (PUT /connectors/{name}/stop)', done: 'stopped', call: (c, n) => c.stop(n), reached: (s) => s.connector.state === 'STOPPED' },
  restart: {
    description: 'restart a connector, with --include-tasks its tasks too (POST /connectors/{name}/restart)',
    done: 'restarted',
    call: (c, n, o) => c.restart(n, { includeTasks: o.includeTasks === true, onlyFailed: o.onlyFailed === true }),
    reached: isSettled,
  },
}

/** `pipe pause|resume|stop|restart <name>`: send the request, then wait until the connector reaches the state. */
export async function runLifecycle(verb: Verb, name: string, options: LifecycleOptions, io: IoHost, client = connectClient(options.connect)): Promise<ExitCode> {
  const json = options.json === true
  const spec = VERBS[verb]
  try {
    await spec.call(client, name, options)
    if (options.wait === false) {
      io.out(json ? `${JSON.stringify({ status: 'ok', connector: name, requested: verb })}\n` : `${verb} requested for ${name}\n`)
      return 0
    }
    // right after a restart the worker may still report the FAILED instances it restarts
    const { status, timedOut } = await waitUntilSettled(client, name, { graceMs: verb === 'restart' ? 2_000 : 0 }, spec.reached)
    const failed = status !== undefined && failuresOf(status).length > 0
    if (json) io.out(`${JSON.stringify({ status: timedOut || failed ? 'error' : 'ok', connector: status ?? null, timedOut }, null, 2)}\n`)
    else io.out(`${timedOut ? `${name} did not finish '${verb}' within 60s` : `${spec.done} ${name}`}\n${status === undefined ? '' : renderStatus(status)}`)
    return timedOut || (failed && verb !== 'pause' && verb !== 'stop') ? 1 : 0
  } catch (error) {
    return reportConnectError(io, verb, error, json)
  }
}

export function registerLifecycle(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  for (const verb of Object.keys(VERBS) as Verb[]) { // the keys of VERBS are the verbs
    const command = program
      .command(verb)
      .description(VERBS[verb].description)
      .argument('<name>', 'the connector name')
      .option('--connect <url>', CONNECT_OPTION_HELP)
      .option('--no-wait', 'return once the worker accepted the request')
      .option('--json', 'print the resulting status as JSON on stdout')
    if (verb === 'restart') {
      command
        .option('--include-tasks', "restart the connector's tasks too")
        .option('--only-failed', 'restart only the instances that FAILED')
    }
    command.action(async (name: string, options: LifecycleOptions) => {
      setExitCode(await runLifecycle(verb, name, options, io))
    })
  }
}
