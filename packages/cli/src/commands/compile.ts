import { relative } from 'node:path'
import { Option, type Command } from 'commander'
import { refineDiagnostics } from '../analyze/refine-location.js'
import { COMPILE_TARGETS, compilePipelines, type CompileTarget } from '../analyze/compile-pipelines.js'
import { hasErrors } from '../diagnostic.js'
import type { ExitCode } from '../exit-code.js'
import { outputDiagnostics, writeConnectorConfigs } from '../output/write-connector-configs.js'
import type { IoHost } from '../report/io-host.js'
import { reportOneLine } from '../report/one-line-error.js'
import { reportResult } from '../report/report-error.js'
import { UserError } from '../errors/user-error.js'

const plural = (n: number, noun: string): string => `${String(n)} ${noun}${n === 1 ? '' : 's'}`

export interface CompileOptions {
  readonly out: string
  readonly target: CompileTarget
  readonly json?: boolean
}

/**
 * `pipe compile`: everything `pipe check` does offline, then one `<connector-name>.json` per
 * connector in `--out`. Writes nothing when there is an error.
 */
export async function runCompile(paths: readonly string[], options: CompileOptions, io: IoHost, cwd: string): Promise<ExitCode> {
  const json = options.json === true
  // loaded on use: it pulls in ts-morph (TypeScript), which every other command would pay for at startup
  const { analyzePipelines } = await import('../analyze/analyze-pipelines.js')
  const analysis = await analyzePipelines(paths, { cwd, typeCheck: true })
  const compilation = compilePipelines(analysis.pipelines, options.target)
  const documents = compilation.connectors.map((c) => c.document)
  const diagnostics = refineDiagnostics([...analysis.diagnostics, ...compilation.diagnostics, ...outputDiagnostics(documents)], analysis.pipelines)
  if (hasErrors(diagnostics)) return reportResult(io, diagnostics, { json, cwd })
  let written: string[]
  try {
    written = await writeConnectorConfigs(documents, options.out, cwd)
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'compile', error, json)
    throw error
  }
  const shown = written.map((file) => relative(cwd, file))
  const skipped = compilation.pipeOnly.map((p) => p.ir.name)
  const lines = shown.map((file) => `wrote ${file}\n`)
  if (skipped.length > 0) lines.push(`skipped (pipe runtime only): ${skipped.join(', ')}\n`)
  const compiled = analysis.pipelines.length - skipped.length
  lines.push(`compiled ${plural(compiled, 'pipeline')} into ${plural(written.length, 'connector config')} for ${options.target}\n`)
  return reportResult(io, diagnostics, { json, cwd }, lines.join(''), { files: shown, skipped })
}

export function registerCompile(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('compile')
    .description('compile pipelines into connector configs (the body of POST /connectors), one JSON file per connector')
    .argument('[paths...]', 'pipeline files or folders', ['pipelines'])
    .option('-o, --out <dir>', 'where to write the <connector-name>.json files', 'build/connect')
    .addOption(new Option('-t, --target <target>', 'the engine the configs are for').choices(COMPILE_TARGETS).default('kafka-connect'))
    .option('--json', 'print the diagnostics and written files as JSON on stdout')
    .action(async (paths: string[], options: CompileOptions) => {
      setExitCode(await runCompile(paths, options, io, process.cwd()))
    })
}
