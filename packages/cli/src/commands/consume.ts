import { statSync } from 'node:fs'
import { join } from 'node:path'
import { isValidTopicName } from '@pipe/dsl'
import type { Command } from 'commander'
import { formatMessage, parseProperties } from '../consume/console-format.js'
import { readTopic } from '../consume/read-topic.js'
import type { ExitCode } from '../exit-code.js'
import type { IoHost } from '../report/io-host.js'
import { storeError } from '../errors/known-error.js'
import { reportOneLine } from '../report/one-line-error.js'
import { openBackend } from '../run/open-backend.js'
import { countOption, resolveTarget, type Target } from '../run/run-options.js'
import { listenForStop } from '../run/stop-signal.js'
import { UserError } from '../errors/user-error.js'
import { loadClientConfig } from '../run/client-config.js'

export interface ConsumeOptions {
  readonly fromBeginning?: boolean
  readonly maxMessages?: string
  readonly property: readonly string[]
  readonly bootstrapServers?: string
  readonly clientConfig?: string
  readonly stateDir?: string
  readonly timeoutMs?: string
}

const NO_STORE_HINT = 'run a pipeline first (pipe run <file>), or pass the --state-dir it used'

/** A state directory to read must hold a store: consume never creates one (nor a schema in someone's file). */
function assertStore(target: Target): void {
  if (target.kind !== 'embedded') return
  const dir = statSync(target.stateDir, { throwIfNoEntry: false })
  if (dir === undefined) throw new UserError('PIPE_FILE_NOT_FOUND', `no embedded store in '${target.stateDir}'`, NO_STORE_HINT)
  if (!dir.isDirectory()) throw new UserError('PIPE_STATE_DIR', `--state-dir '${target.stateDir}' is a file, not a state directory`, NO_STORE_HINT)
  const db = join(target.stateDir, 'pipe.db')
  const file = statSync(db, { throwIfNoEntry: false })
  if (file === undefined) throw new UserError('PIPE_FILE_NOT_FOUND', `no embedded store in '${target.stateDir}' (it has no pipe.db)`, NO_STORE_HINT)
  if (!file.isFile()) throw new UserError('PIPE_STATE_DIR', `'${db}' is not a file: not a pipe store`, NO_STORE_HINT)
  if (file.size === 0) throw new UserError('PIPE_STATE_DIR', `'${db}' is empty (0 bytes): not a pipe store`, `${NO_STORE_HINT}; an empty pipe.db is left by a store that was never written, delete it`)
}

/** `pipe consume <topic>`: prints records as kafka-console-consumer does. */
export async function runConsume(topic: string, options: ConsumeOptions, io: IoHost): Promise<ExitCode> {
  try {
    const parsed = parseProperties(options.property)
    if ('problem' in parsed) throw new UserError('PIPE_INVALID_OPTION', parsed.problem)
    const maxMessages = countOption('--max-messages', options.maxMessages)
    const timeoutMs = countOption('--timeout-ms', options.timeoutMs, 0)
    if (!isValidTopicName(topic)) {
      throw new UserError('PIPE_INVALID_TOPIC_NAME', `invalid topic name '${topic}': Kafka topic names use letters, digits, '.', '_' and '-' (at most 249, not '.' or '..')`, 'pass the name of a topic, e.g. pipe consume quickstart-orders')
    }
    const target = resolveTarget(options, process.env, loadClientConfig(options.clientConfig, process.env, (line) => { io.err(`${line}\n`) }))
    assertStore(target)
    const backend = await openBackend(target, 'pipe-console-consumer', undefined, { readOnly: true })
    const stop = listenForStop(() => undefined)
    try {
      const read = { topic, fromBeginning: options.fromBeginning === true, maxMessages, timeoutMs, stop, now: Date.now }
      const count = await readTopic(backend, read, (m) => { io.out(formatMessage(m, parsed.properties)) })
      io.err(`Processed a total of ${String(count)} messages\n`)
      return 0
    } finally {
      stop.dispose()
      await backend.close()
    }
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'consume', error)
    // a damaged store shows only when its pages are read
    const damaged = storeError(options.stateDir ?? '.pipe', error)
    if (damaged !== undefined) return reportOneLine(io, 'consume', damaged)
    throw error
  }
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value]

export function registerConsume(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('consume')
    .showHelpAfterError(false) // a usage error is one line
    .description('print the records of a topic, as kafka-console-consumer does')
    .argument('<topic>', 'the topic to read')
    .option('--from-beginning', 'start with the earliest record instead of only new ones')
    .option('--max-messages <n>', 'exit after this many records')
    .option('--property <name=value>', 'formatter property: print.key, print.headers, print.timestamp, print.partition, print.offset, key.separator, line.separator, headers.separator, headers.key.separator, null.literal', collect, [])
    .option('--bootstrap-servers <list>', 'read from this Kafka cluster; default: $PIPE_BOOTSTRAP_SERVERS, else the embedded store')
    .option('--client-config <file>', "a Kafka client .properties file: bootstrap.servers, security.protocol, sasl.*, ssl.* (default: $PIPE_CLIENT_CONFIG)")
    .option('--state-dir <dir>', 'the embedded store to read', '.pipe')
    .option('--timeout-ms <ms>', 'exit when no record came for this long')
    .action(async (topic: string, options: ConsumeOptions) => {
      setExitCode(await runConsume(topic, options, io))
    })
}
