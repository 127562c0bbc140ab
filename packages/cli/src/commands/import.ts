import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Command } from 'commander'
import { connectUrl, CONNECT_OPTION_HELP } from '../deploy/connect-url.js'
import { ConnectError, createConnectTransport, createKafkaConnectClient } from '../deploy/kafka-connect-client.js'
import { UserError } from '../errors/user-error.js'
import type { ExitCode } from '../exit-code.js'
import { findPulledModules } from '../import/find-pulled-modules.js'
import { importPipelines, type ImportedConnector } from '../import/import-pipelines.js'
import { readCluster } from '../import/read-cluster.js'
import { readConnectorFolder } from '../import/read-connector-folder.js'
import type { IoHost } from '../report/io-host.js'
import { reportConnectError } from '../report/report-connect-error.js'
import { reportOneLine } from '../report/one-line-error.js'
import { makeDirectory } from '../util/make-directory.js'
import { writeFileWhole } from '../util/write-file-whole.js'

const plural = (n: number, noun: string): string => `${String(n)} ${noun}${n === 1 ? '' : 's'}`

/** Options of `pipe import`. */
export interface ImportOptions {
  readonly connect?: string
  readonly from?: string
  readonly out: string
  readonly connector?: readonly string[]
  readonly force?: boolean
  readonly json?: boolean
}

/** The compiled connector names the project's pipelines in `outDir` declare, by file. */
async function declaredConnectors(outDir: string, cwd: string): Promise<Map<string, string>> {
  const declared = new Map<string, string>()
  if (!existsSync(outDir)) return declared
  const { analyzePipelines } = await import('../analyze/analyze-pipelines.js')
  const { compilePipelines } = await import('../analyze/compile-pipelines.js')
  const analysis = await analyzePipelines([outDir], { cwd, typeCheck: false })
  for (const c of compilePipelines(analysis.pipelines, 'kafka-connect').connectors) declared.set(c.document.name, relative(cwd, c.pipeline.file))
  return declared
}

async function readConnectors(options: ImportOptions, cwd: string): Promise<{ connectors: ImportedConnector[]; failed: { name: string; reason: string }[]; from: string; passwordKeys?: Map<string, readonly string[]> }> {
  if (options.from !== undefined) {
    const dir = resolve(cwd, options.from)
    const read = await readConnectorFolder(dir)
    return { connectors: read.connectors, failed: read.failed.map((f) => ({ name: relative(cwd, f.file), reason: f.reason })), from: relative(cwd, dir) || '.' }
  }
  const url = connectUrl(options.connect)
  const token = process.env['PIPE_CONNECT_TOKEN']
  const transport = createConnectTransport(url, { token })
  const cluster = await readCluster(transport)
  // the plugins' PASSWORD keys: a literal there is never written, whatever the key's name
  const client = createKafkaConnectClient(url, { token })
  const classes = [...new Set(cluster.connectors.map((c) => c.config['connector.class'] ?? ''))].filter((c) => c !== '')
  const passwordKeys = new Map(await Promise.all(classes.map(async (c) => [c, await client.passwordKeys(c)] as const)))
  return { ...cluster, from: transport.base, passwordKeys }
}

/**
 * `pipe import`: writes the pipeline files of the connectors a Kafka Connect cluster runs (`--connect`)
 * or a folder of connector files holds (`--from`). A connector that cannot be imported, is already
 * declared by the project, or whose file exists (without `--force`) is skipped with one line; exit 1
 * when any was skipped.
 *
 * @example
 * ```ts
 * await runImport({ from: 'connect/', out: 'pipelines' }, io, process.cwd())
 * ```
 */
export async function runImport(options: ImportOptions, io: IoHost, cwd: string): Promise<ExitCode> {
  const json = options.json === true
  const connect = options.connect ?? (options.from === undefined ? process.env['PIPE_CONNECT_URL'] : undefined)
  if ((connect === undefined) === (options.from === undefined)) {
    return reportOneLine(io, 'import', { code: 'PIPE_INVALID_OPTION', message: 'give either --connect <url> (or PIPE_CONNECT_URL) or --from <dir>, not both', hint: 'pipe import --connect http://localhost:8083, or pipe import --from connect/' }, json)
  }
  let read
  try {
    read = await readConnectors({ ...options, ...(connect === undefined ? {} : { connect }) }, cwd)
  } catch (error) {
    if (UserError.is(error)) return reportOneLine(io, 'import', error, json)
    if (error instanceof ConnectError && error.code === 'PIPE_CONNECT_NOT_FOUND') {
      return reportOneLine(io, 'import', { code: 'PIPE_NOT_KAFKA_CONNECT', message: `${connect ?? ''} has no GET /connectors: it is not a Kafka Connect REST API`, hint: "give --connect a Kafka Connect worker's REST URL, e.g. http://connect:8083" }, json)
    }
    return reportConnectError(io, 'import', error, json)
  }
  const wanted = options.connector ?? []
  const missing = wanted.filter((n) => !read.connectors.some((c) => c.name === n))
  if (missing.length > 0) {
    return reportOneLine(io, 'import', { code: 'PIPE_UNKNOWN_CONNECTOR', message: `no connector named ${missing.join(', ')} in ${read.from}`, hint: 'name connectors that exist (see GET /connectors), or leave out --connector' }, json)
  }
  const outDir = resolve(cwd, options.out)
  const declared = await declaredConnectors(outDir, cwd)
  const skipped = read.failed.map((f) => ({ connector: f.name, reason: f.reason }))
  const chosen = read.connectors.filter((c) => wanted.length === 0 || wanted.includes(c.name)).filter((c) => {
    const file = declared.get(c.name)
    if (file !== undefined) skipped.push({ connector: c.name, reason: `already declared by ${file}` })
    return file === undefined
  })
  const pulled = await findPulledModules(cwd, outDir)
  const result = importPipelines(chosen, { from: read.from, at: new Date(), pulled, ...(read.passwordKeys === undefined ? {} : { passwordKeys: read.passwordKeys }) })
  skipped.push(...result.skipped)
  const written: { file: string; pipeline: string; connectors: readonly string[]; initialStates: Readonly<Record<string, string>> }[] = []
  await makeDirectory(outDir)
  for (const f of result.files) {
    const path = join(outDir, f.file)
    if (existsSync(path) && options.force !== true) {
      for (const c of f.connectors) skipped.push({ connector: c, reason: `${relative(cwd, path)} exists (use --force to overwrite it)` })
      continue
    }
    await writeFileWhole(path, f.text)
    written.push({ file: relative(cwd, path), pipeline: f.pipeline, connectors: f.connectors, initialStates: f.initialStates })
  }
  const variables = result.variables.filter((v) => written.some((w) => w.connectors.includes(v.connector)))
  if (json) {
    const connectors = written.flatMap((w) => w.connectors.map((name) => {
      const initialState = w.initialStates[name]
      return { name, pipeline: w.pipeline, file: w.file, ...(initialState === undefined ? {} : { initialState }) }
    })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const files = written.map((w) => ({ file: w.file, connectors: w.connectors }))
    io.out(`${JSON.stringify({ status: skipped.length > 0 ? 'error' : 'ok', files, connectors, skipped, variables })}\n`)
  } else {
    const lines = written.map((w) => `wrote ${w.file} (${w.connectors.map((c) => (w.initialStates[c] === undefined ? c : `${c} ${w.initialStates[c] ?? ''}`)).join(', ')})\n`)
    for (const s of skipped) lines.push(`skipped ${s.connector}: ${s.reason}\n`)
    if (variables.length > 0) {
      lines.push('set these variables where the connectors run (the secrets were literal or masked, and are not written):\n')
      for (const v of variables) lines.push(`  ${v.variable}  (${v.connector}: ${v.key})\n`)
    }
    const count = written.reduce((n, w) => n + w.connectors.length, 0)
    lines.push(`imported ${plural(count, 'connector')} into ${plural(written.length, 'pipeline file')} from ${read.from}\n`)
    io.out(lines.join(''))
  }
  return skipped.length > 0 ? 1 : 0
}

/**
 * Wires `pipe import` into the program.
 *
 * @example
 * ```ts
 * registerImport(program, io, (code) => { process.exitCode = code })
 * ```
 */
export function registerImport(program: Command, io: IoHost, setExitCode: (code: ExitCode) => void): void {
  program
    .command('import')
    .description('write the pipeline files of the connectors a Kafka Connect cluster runs (--connect) or a folder of connector files holds (--from)')
    .option('--connect <url>', CONNECT_OPTION_HELP)
    .option('--from <dir>', 'a folder of connector .json (POST /connectors body or config map) and .properties files')
    .option('-o, --out <dir>', 'where to write the pipeline files', 'pipelines')
    .option('--connector <name...>', 'import only these connectors')
    .option('--force', 'overwrite pipeline files that exist')
    .option('--json', 'print the written files, the imported connectors (name, pipeline, file, initialState), skipped connectors and variables as JSON on stdout')
    .action(async (options: ImportOptions) => {
      setExitCode(await runImport(options, io, process.cwd()))
    })
}
