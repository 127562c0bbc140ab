import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** One bad input to the `pipe` binary: the arguments (and files it needs), the exit code and the line it must print. */
export interface CliCase {
  readonly name: string
  /** Arguments; `$W` is replaced by the corpus' work folder, `$HTTP`, `$CLOSE`, `$SILENT`, `$SSH` by the fake servers' addresses. */
  readonly args: readonly string[]
  /** Added to the environment; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>
  /** Runs from the work folder instead of the repository (pipeline files written there, loaded without type-checking). */
  readonly inWork?: boolean
  readonly exit: number
  /** The one error line must match this. */
  readonly line: RegExp
}

const GOOD_PIPELINE = "import { source, topic } from '@pipe/dsl'\nimport { file, fileSink } from '@pipe/dsl/connectors'\nexport default source(file({ file: 'in.txt' })).to(topic('corpus-lines')).sink(fileSink({ file: 'out.txt' }))\n"

/** Pipeline files the corpus runs (from the work folder, so `pipe run` loads them with esbuild only). */
export const PIPELINE_FILES: Readonly<Record<string, string>> = {
  'good.ts': GOOD_PIPELINE,
  'throws.ts': "import { source } from '@pipe/dsl'\nvoid source\nthrow new Error('no config for this environment')\n",
  'string-export.ts': "export default 'pipeline'\n",
  'no-default.ts': "export const x = 1\n",
  'empty.ts': '',
  'syntax.ts': "import { source } from '@pipe/dsl'\nexport default source(\n",
  'missing-package.ts': "import { nope } from 'no-such-package-xyz'\nexport default nope\n",
  'missing-local.ts': "import { p } from './no-such-module.js'\nexport default p\n",
  'bad-topic.ts': "import { source, topic } from '@pipe/dsl'\nimport { file } from '@pipe/dsl/connectors'\nexport default source(file({ file: 'in.txt' })).to(topic('bad topic name'))\n",
  'rejects.ts': "await Promise.reject(new Error('secret store is down'))\nexport default 1\n",
  'binary.ts': '\u0000\u0001\u0002PK\u0003\u0004',
  'pipeline.json': '{"name":"x"}\n',
  'undefined-call.ts': "import { source } from '@pipe/dsl'\nconst cfg: { get?: () => string } = {}\nexport default source(cfg.get!() as never)\n",
}

/** Folders and files the state-dir and output cases point at, created in the work folder. */
export function writeWorkFiles(work: string): void {
  for (const [name, text] of Object.entries(PIPELINE_FILES)) writeFileSync(join(work, name), text)
  writeFileSync(join(work, 'in.txt'), 'a\nb\n')
  writeFileSync(join(work, 'a-file'), 'not a folder\n')
  mkdirSync(join(work, 'empty-db'))
  writeFileSync(join(work, 'empty-db', 'pipe.db'), '')
  mkdirSync(join(work, 'garbage-db'))
  writeFileSync(join(work, 'garbage-db', 'pipe.db'), 'this is not a database\n'.repeat(100))
  mkdirSync(join(work, 'db-is-dir', 'pipe.db'), { recursive: true })
  mkdirSync(join(work, 'no-db'))
  writeFileSync(join(work, 'bad.json'), '{bad')
  writeFileSync(join(work, 'array.json'), '[]')
  writeFileSync(join(work, 'offsets-shape.json'), '{"offsets":[{"partition":5}]}')
  writeFileSync(join(work, 'connector-array.json'), '[1]')
  writeFileSync(join(work, 'connector-no-name.properties'), 'connector.class=FileStreamSource\n')
  writeFileSync(join(work, 'connector-bad-class.json'), '{"name":"x","config":{"connector.class":"NoSuchConnector"}}')
  writeFileSync(join(work, 'client-gssapi.properties'), 'bootstrap.servers=127.0.0.1:9\nsecurity.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\n')
  writeFileSync(join(work, 'client-jaas.properties'), 'bootstrap.servers=127.0.0.1:9\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="pw-SENTINEL"\n')
  writeFileSync(join(work, 'client-no-broker.properties'), 'security.protocol=SSL\n')
  writeFileSync(join(work, 'worker-bad-flush.properties'), 'bootstrap.servers=127.0.0.1:9\noffset.flush.interval.ms=soon\n')
}

const run = (...args: string[]): string[] => ['run', ...args]
const consume = (...args: string[]): string[] => ['consume', 'corpus-lines', '--timeout-ms', '500', ...args]
const worker = (...args: string[]): string[] => ['worker', '--listeners', 'http://127.0.0.1:0', '--state-dir', '$W/worker-state', ...args]
const compile = (out: string): string[] => ['compile', 'pipelines/file-copy.ts', '--out', out]

/** Every case exits 1 with one line; `line` is what it must say. */
export const CLI_CASES: readonly CliCase[] = [
  // options and environment
  { name: 'run: malformed --max-idle', args: run('pipelines/quickstart.ts', '--max-idle', '5sec'), exit: 1, line: /PIPE_INVALID_OPTION: invalid --max-idle '5sec'/ },
  { name: 'run: negative --max-idle', args: run('pipelines/quickstart.ts', '--max-idle', '-5s'), exit: 1, line: /invalid --max-idle '-5s'/ },
  { name: 'run: bootstrap without port', args: run('pipelines/quickstart.ts', '--bootstrap-servers', 'localhost'), exit: 1, line: /invalid --bootstrap-servers 'localhost': expected host:port/ },
  { name: 'run: bad PIPE_BOOTSTRAP_SERVERS', args: run('pipelines/quickstart.ts'), env: { PIPE_BOOTSTRAP_SERVERS: 'a:b' }, exit: 1, line: /invalid PIPE_BOOTSTRAP_SERVERS 'a:b'/ },
  { name: 'run: --offsets-topic on the embedded store', args: run('pipelines/file-copy.ts', '--offsets-topic', 'x', '--state-dir', '$W/s1'), exit: 1, line: /PIPE_USAGE: --offsets-topic applies on Kafka only/ },
  { name: 'run: misspelt option', args: run('pipelines/quickstart.ts', '--max-idel', '5s'), exit: 1, line: /unknown option '--max-idel'/ },
  { name: 'run: unset ${env:...} of a pipeline', args: run('pipelines/twitter.ts', '--state-dir', '$W/s2'), env: { TWITTER_BEARER_TOKEN: undefined }, exit: 1, line: /TWITTER_BEARER_TOKEN is not set/ },
  { name: 'consume: --max-messages -1', args: consume('--max-messages', '-1'), exit: 1, line: /invalid --max-messages '-1'/ },
  { name: 'consume: --max-messages abc', args: consume('--max-messages', 'abc'), exit: 1, line: /invalid --max-messages 'abc'/ },
  { name: 'consume: --timeout-ms 1e3', args: ['consume', 't', '--timeout-ms', '1e3'], exit: 1, line: /invalid --timeout-ms '1e3'/ },
  { name: 'consume: --property without =', args: consume('--property', 'print.key'), exit: 1, line: /invalid --property 'print.key': expected name=value/ },
  { name: 'consume: empty topic name (read forever)', args: ['consume', ''], exit: 1, line: /PIPE_INVALID_TOPIC_NAME: invalid topic name ''/ },
  { name: 'consume: topic name with a space', args: ['consume', 'my topic', '--bootstrap-servers', '127.0.0.1:9'], exit: 1, line: /PIPE_INVALID_TOPIC_NAME: invalid topic name 'my topic'/ },
  { name: 'worker: ftp listener', args: worker().map((a) => (a === 'http://127.0.0.1:0' ? 'ftp://x' : a)), exit: 1, line: /invalid --listeners 'ftp:\/\/x'/ },
  { name: 'worker: port out of range', args: worker().map((a) => (a === 'http://127.0.0.1:0' ? 'http://127.0.0.1:99999' : a)), exit: 1, line: /invalid --listeners 'http:\/\/127\.0\.0\.1:99999'/ },
  { name: 'worker: empty --auth-token', args: worker('--auth-token', ''), exit: 1, line: /invalid --auth-token: expected a non-empty token/ },
  { name: 'worker: --auth-basic without password', args: worker('--auth-basic', 'admin'), exit: 1, line: /invalid --auth-basic: expected user:password/ },
  { name: 'worker: --group-id without Kafka', args: worker('--group-id', 'g'), exit: 1, line: /distributed mode \(--group-id 'g'\) needs Kafka/ },
  { name: 'status: --connect not a URL', args: ['status', '--connect', 'not-a-url'], exit: 1, line: /'not-a-url' is not a URL/ },
  { name: 'status: PIPE_CONNECT_URL not a URL', args: ['status'], env: { PIPE_CONNECT_URL: 'zzz' }, exit: 1, line: /'zzz' is not a URL/ },
  { name: 'pause: --connect with an unclosed IPv6 bracket', args: ['pause', 'x', '--connect', 'http://[::1'], exit: 1, line: /'http:\/\/\[::1' is not a URL/ },
  { name: 'status: nothing listening at --connect', args: ['status', '--connect', 'http://127.0.0.1:9'], exit: 1, line: /PIPE_CONNECT_UNREACHABLE: cannot reach Kafka Connect at http:\/\/127\.0\.0\.1:9/ },
  { name: 'compile: unknown --target', args: ['compile', 'pipelines/file-copy.ts', '--target', 'flink'], exit: 1, line: /argument 'flink' is invalid\. Allowed choices are kafka-connect, pipe/ },
  // files given to commands
  { name: 'run: missing pipeline file', args: run('pipelines/no-such-file.ts'), exit: 1, line: /PIPE_FILE_NOT_FOUND: no such pipeline file 'pipelines\/no-such-file\.ts'/ },
  { name: 'run: a folder as the pipeline', args: run('$W'), exit: 1, line: /PIPE_FILE_NOT_FOUND: not a file/ },
  { name: 'run: /dev/null as the pipeline', args: run('/dev/null'), exit: 1, line: /not a file '\/dev\/null'/ },
  { name: 'offsets alter: offsets file not JSON', args: ['offsets', 'alter', 'x', '--connect', 'http://127.0.0.1:9', '--file', '$W/bad.json'], exit: 1, line: /PIPE_INVALID_OFFSETS: offsets file '.*bad\.json' is not valid JSON/ },
  { name: 'offsets alter: offsets file an array', args: ['offsets', 'alter', 'x', '--connect', 'http://127.0.0.1:9', '--file', '$W/array.json'], exit: 1, line: /is not an offsets body/ },
  { name: 'offsets alter: offsets of the wrong shape', args: ['offsets', 'alter', 'x', '--connect', 'http://127.0.0.1:9', '--file', '$W/offsets-shape.json'], exit: 1, line: /is not an offsets body/ },
  { name: 'offsets alter: missing offsets file', args: ['offsets', 'alter', 'x', '--connect', 'http://127.0.0.1:9', '--file', '$W/none.json'], exit: 1, line: /cannot read offsets file '.*none\.json'/ },
  { name: 'worker: missing connector file', args: worker('$W/none.json'), exit: 1, line: /cannot read connector file '.*none\.json'/ },
  { name: 'worker: connector file not JSON', args: worker('$W/bad.json'), exit: 1, line: /bad\.json: invalid JSON/ },
  { name: 'worker: connector file an array', args: worker('$W/connector-array.json'), exit: 1, line: /expected a JSON object/ },
  // Kafka client configs (--client-config) and worker .properties files
  { name: 'run: client config with sasl.mechanism GSSAPI', args: run('pipelines/file-copy.ts', '--client-config', '$W/client-gssapi.properties'), exit: 1, line: /client-gssapi\.properties:3: sasl\.mechanism 'GSSAPI' cannot apply/ },
  { name: 'consume: client config with an unterminated JAAS line', args: consume('--client-config', '$W/client-jaas.properties'), exit: 1, line: /client-jaas\.properties:4: invalid sasl\.jaas\.config: the login module does not end with ';'/ },
  { name: 'run: client config without a broker', args: run('pipelines/file-copy.ts', '--client-config', '$W/client-no-broker.properties'), env: { PIPE_BOOTSTRAP_SERVERS: undefined }, exit: 1, line: /client-no-broker\.properties applies to Kafka, but no broker is given/ },
  { name: 'worker: missing client config', args: worker('--client-config', '$W/none.properties'), exit: 1, line: /cannot read --client-config '.*none\.properties' \(ENOENT\)/ },
  { name: 'worker: worker file with a bad number', args: worker('$W/worker-bad-flush.properties'), exit: 1, line: /worker-bad-flush\.properties:2: invalid offset\.flush\.interval\.ms 'soon'/ },
  { name: 'worker: connector file without name', args: worker('$W/connector-no-name.properties'), exit: 1, line: /the connector has no name; fix: add name=/ },
  { name: 'worker: connector of an unknown class', args: worker('$W/connector-bad-class.json'), exit: 1, line: /connector 'x' was refused: (org.apache.kafka.connect.errors.ConnectException: )?Failed to find any class that implements Connector and which name matches NoSuchConnector/ },
  // pipeline files
  { name: 'pipeline throws while loading', args: run('throws.ts'), inWork: true, exit: 1, line: /throws\.ts:3:\d+ error PIPE_LOAD_FAILED: pipeline file threw while loading: Error: no config for this environment/ },
  { name: 'pipeline exports a string', args: run('string-export.ts'), inWork: true, exit: 1, line: /PIPE_INVALID_DEFAULT_EXPORT: string-export\.ts must export default a pipeline \(got string/ },
  { name: 'pipeline without default export', args: run('no-default.ts'), inWork: true, exit: 1, line: /PIPE_NO_DEFAULT_EXPORT/ },
  { name: 'empty pipeline file', args: run('empty.ts'), inWork: true, exit: 1, line: /PIPE_NO_DEFAULT_EXPORT/ },
  { name: 'pipeline with a syntax error', args: run('syntax.ts'), inWork: true, exit: 1, line: /syntax\.ts:\d+:\d+ error PIPE_SYNTAX_ERROR/ },
  { name: 'pipeline imports a missing package', args: run('missing-package.ts'), inWork: true, exit: 1, line: /missing-package\.ts:1:\d+ error PIPE_MODULE_NOT_FOUND: cannot find module 'no-such-package-xyz'/ },
  { name: 'pipeline imports a missing local module', args: run('missing-local.ts'), inWork: true, exit: 1, line: /missing-local\.ts:1:\d+ error PIPE_MODULE_NOT_FOUND/ },
  { name: 'pipeline with an invalid topic name', args: run('bad-topic.ts'), inWork: true, exit: 1, line: /PIPE_INVALID_TOPIC_NAME/ },
  { name: 'pipeline whose top-level await rejects', args: run('rejects.ts'), inWork: true, exit: 1, line: /rejects\.ts:1:\d+ error PIPE_LOAD_FAILED: .*secret store is down/ },
  { name: 'binary garbage as a pipeline', args: run('binary.ts'), inWork: true, exit: 1, line: /binary\.ts:1:\d+ error PIPE_SYNTAX_ERROR/ },
  { name: 'a JSON file as a pipeline', args: run('pipeline.json'), inWork: true, exit: 1, line: /pipeline\.json/ },
  { name: 'pipeline calls undefined', args: run('undefined-call.ts'), inWork: true, exit: 1, line: /undefined-call\.ts:3:\d+ error PIPE_LOAD_FAILED: pipeline file threw while loading: TypeError/ },
  // state directories
  { name: 'run: state dir under /proc (mkdir -p never returned)', args: run('good.ts', '--state-dir', '/proc/pipe-state'), inWork: true, exit: 1, line: /PIPE_STATE_DIR: cannot use --state-dir '\/proc\/pipe-state'/ },
  { name: 'run: state dir under /sys', args: run('good.ts', '--state-dir', '/sys/kernel/pipe-state'), inWork: true, exit: 1, line: /'\/sys\/kernel\/pipe-state': operation not permitted \(EPERM\)/ },
  { name: 'worker: state dir under /proc (mkdir -p never returned)', args: ['worker', '--listeners', 'http://127.0.0.1:0', '--state-dir', '/proc/pipe-state'], exit: 1, line: /pipe worker: error PIPE_STATE_DIR: cannot use --state-dir '\/proc\/pipe-state'/ },
  { name: 'run: state dir is a file', args: run('good.ts', '--state-dir', 'a-file'), inWork: true, exit: 1, line: /PIPE_STATE_DIR: cannot use --state-dir 'a-file'/ },
  { name: 'run: state dir under a file', args: run('good.ts', '--state-dir', 'a-file/state'), inWork: true, exit: 1, line: /'.*a-file': it is a file, not a folder \(ENOTDIR\)/ },
  { name: 'run: pipe.db that is no database', args: run('good.ts', '--state-dir', 'garbage-db'), inWork: true, exit: 1, line: /'garbage-db\/pipe\.db' is not a pipe store: file is not a database/ },
  { name: 'run: pipe.db of another program', args: run('good.ts', '--state-dir', 'other-db'), inWork: true, exit: 1, line: /'other-db\/pipe\.db' is a SQLite database of another program, not a pipe store/ },
  { name: 'consume: no state dir', args: consume('--state-dir', 'none'), inWork: true, exit: 1, line: /PIPE_FILE_NOT_FOUND: no embedded store in 'none'/ },
  { name: 'consume: state dir is a file', args: consume('--state-dir', 'a-file'), inWork: true, exit: 1, line: /--state-dir 'a-file' is a file, not a state directory/ },
  { name: 'consume: state dir without pipe.db', args: consume('--state-dir', 'no-db'), inWork: true, exit: 1, line: /no embedded store in 'no-db' \(it has no pipe\.db\)/ },
  { name: 'consume: empty pipe.db', args: consume('--state-dir', 'empty-db'), inWork: true, exit: 1, line: /'empty-db\/pipe\.db' is empty \(0 bytes\): not a pipe store/ },
  { name: 'consume: pipe.db is a folder', args: consume('--state-dir', 'db-is-dir'), inWork: true, exit: 1, line: /'db-is-dir\/pipe\.db' is not a file/ },
  { name: 'consume: pipe.db that is no database', args: consume('--state-dir', 'garbage-db'), inWork: true, exit: 1, line: /'garbage-db\/pipe\.db' is not a pipe store/ },
  { name: 'consume: pipe.db of another program', args: consume('--state-dir', 'other-db'), inWork: true, exit: 1, line: /'other-db\/pipe\.db' is a SQLite database of another program/ },
  { name: 'consume: pipe.db with corrupted pages', args: ['consume', 'corpus-lines', '--from-beginning', '--timeout-ms', '500', '--state-dir', 'corrupt-db'], inWork: true, exit: 1, line: /the embedded store 'corrupt-db\/pipe\.db' is damaged: database disk image is malformed; fix: restore/ },
  // compile --out (each type-checks first, the slowest cases: the same folder code is under run --state-dir too)
  { name: 'compile: --out an existing file', args: compile('$W/a-file'), exit: 1, line: /PIPE_OUTPUT_FAILED: cannot write connector configs to --out '.*a-file': '.*a-file': it is a file, not a folder/ },
  { name: 'compile: --out under /proc (mkdir -p never returned)', args: compile('/proc/pipe-out'), exit: 1, line: /cannot write connector configs to --out '\/proc\/pipe-out'/ },
  // broker addresses (fake servers started by the test; a real Kafka Connect port is in the integration corpus)
  { name: 'run: nothing listening', args: run('good.ts', '--bootstrap-servers', '127.0.0.1:9'), inWork: true, exit: 1, line: /PIPE_BROKER_UNREACHABLE: cannot reach a Kafka broker at 127\.0\.0\.1:9/ },
  { name: 'run: unresolvable host', args: run('good.ts', '--bootstrap-servers', 'no-such-host.invalid:9092'), inWork: true, exit: 1, line: /no Kafka broker at no-such-host\.invalid:9092: .*host 'no-such-host\.invalid' cannot be resolved/ },
  { name: 'run: an HTTP server', args: run('good.ts', '--bootstrap-servers', '$HTTP'), inWork: true, exit: 1, line: /PIPE_NOT_A_BROKER: no Kafka broker at .*: .* is not a Kafka broker: it answers HTTP \("HTTP\/1\.1 400 Bad Request"\).*fix: check the port/ },
  { name: 'run: a server that accepts and closes', args: run('good.ts', '--bootstrap-servers', '$CLOSE'), inWork: true, exit: 1, line: /PIPE_NOT_A_BROKER: .*accepted the connection and closed it without answering a Kafka request/ },
  { name: 'run: a server that never answers', args: run('good.ts', '--bootstrap-servers', '$SILENT'), inWork: true, exit: 1, line: /PIPE_NOT_A_BROKER: .*accepted the connection but did not answer a Kafka request within 10s/ },
  { name: 'run: an SSH server', args: run('good.ts', '--bootstrap-servers', '$SSH'), inWork: true, exit: 1, line: /is not a Kafka broker: it answers "SSH-2\.0-OpenSSH_9\.6"/ },
  { name: 'run: refused and HTTP together', args: run('good.ts', '--bootstrap-servers', '127.0.0.1:9,$HTTP'), inWork: true, exit: 1, line: /no Kafka broker at 127\.0\.0\.1:9,.*: 127\.0\.0\.1:9 refused the connection; .* it answers HTTP/ },
  { name: 'consume: an HTTP server', args: ['consume', 't', '--bootstrap-servers', '$HTTP', '--timeout-ms', '500'], exit: 1, line: /pipe consume: error PIPE_NOT_A_BROKER: .*it answers HTTP/ },
  { name: 'worker: an HTTP server', args: ['worker', '--listeners', 'http://127.0.0.1:0', '--bootstrap-servers', '$HTTP'], exit: 1, line: /pipe worker: error PIPE_NOT_A_BROKER: .*it answers HTTP/ },
  { name: 'worker (distributed): a server that closes', args: ['worker', '--listeners', 'http://127.0.0.1:0', '--bootstrap-servers', '$CLOSE', '--group-id', 'g'], exit: 1, line: /pipe worker: error PIPE_NOT_A_BROKER: .*closed it without answering/ },
]
