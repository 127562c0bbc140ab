import { Command, CommanderError } from 'commander'
import { registerCheck } from './commands/check.js'
import { registerCompile } from './commands/compile.js'
import { registerConsume } from './commands/consume.js'
import { registerDeploy } from './commands/deploy.js'
import { registerLifecycle } from './commands/lifecycle.js'
import { registerOffsets } from './commands/offsets.js'
import { registerPlan } from './commands/plan.js'
import { registerImport } from './commands/import.js'
import { registerPlugins } from './commands/plugins.js'
import { registerRun } from './commands/run.js'
import { registerStatus } from './commands/status.js'
import { registerWorker } from './commands/worker.js'
import type { ExitCode } from './exit-code.js'
import { createIoHost, type IoHost } from './report/io-host.js'
import { knownError } from './errors/known-error.js'
import { reportOneLine } from './report/one-line-error.js'
import { reportInternalError } from './report/report-error.js'
import { cliVersion } from './version.js'

export type { ExitCode } from './exit-code.js'

/** Builds the `pipe` program. Commands register here; each lives in `commands/`. */
export function createProgram(io: IoHost, setExitCode: (code: ExitCode) => void = () => undefined): Command {
  const program = new Command('pipe')
    .description('Kafka Connect pipelines as typed TypeScript: check, compile, run and deploy them')
    .version(cliVersion(), '-v, --version', 'print the pipe version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run `pipe --help` for usage)')
    .configureOutput({
      writeOut: (text) => { io.out(text) },
      writeErr: (text) => { io.err(text) },
    })
    .exitOverride()
  registerCheck(program, io, setExitCode)
  registerCompile(program, io, setExitCode)
  registerRun(program, io, setExitCode)
  registerConsume(program, io, setExitCode)
  registerPlan(program, io, setExitCode)
  registerImport(program, io, setExitCode)
  registerDeploy(program, io, setExitCode)
  registerStatus(program, io, setExitCode)
  registerLifecycle(program, io, setExitCode)
  registerOffsets(program, io, setExitCode)
  registerWorker(program, io, setExitCode)
  registerPlugins(program, io, setExitCode)
  return program
}

const SUBCOMMANDS = new Set(['offsets', 'plugins'])

/** The command as the one-line error names it: `run`, `offsets alter`. */
function commandName(argv: readonly string[]): string {
  const words = argv.filter((a) => !a.startsWith('-'))
  const first = words[0] ?? ''
  return SUBCOMMANDS.has(first) && words[1] !== undefined ? `${first} ${words[1]}` : first
}

/** The value of `--name value` or `--name=value` in argv, as the commands read it. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name)
  if (at >= 0) return argv[at + 1]
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
}

/** Runs `pipe` with the given arguments and resolves to the process exit code. */
export async function main(argv: readonly string[], io: IoHost = createIoHost()): Promise<ExitCode> {
  let exitCode: ExitCode = 0
  const program = createProgram(io, (code) => { exitCode = code })
  if (argv.length === 0) {
    program.outputHelp()
    return 0
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit through here with exitCode 0; usage errors were already printed
      return error.exitCode === 0 ? 0 : 1
    }
    // an error of the user's input or environment that a command did not word itself is still one line
    const known = knownError(error, optionValue(argv, '--state-dir'))
    if (known !== undefined) return reportOneLine(io, commandName(argv), known, argv.includes('--json'))
    return reportInternalError(io, error)
  }
}
