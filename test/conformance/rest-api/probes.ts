/**
 * REST probes sent to Apache Kafka Connect and to `pipe worker` in the same order: each names a
 * request and the status Kafka Connect 4.4.0 answers (checked against the real worker), and where
 * Kafka Connect 3.9.1 answered otherwise, that status too (`connect3`). Names in
 * braces are replaced per engine: `{src}` a running FileStreamSource, `{stp}` one created STOPPED,
 * `{bad}` a FileStreamSink whose task fails, `{put}` one created by PUT, `{psd}` one created PAUSED, `{missing}` no connector,
 * `{in}` the source's input file, `{dir}` a temp dir, `{logger}` a fresh logger name.
 */
export interface Probe {
  readonly title: string
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  /** A JSON value, or a raw string sent as it is (malformed JSON). */
  readonly body?: unknown
  /** @default 'application/json' */
  readonly contentType?: string
  readonly status: number
  /** What Kafka Connect 3.x answered where 4.x changed it: pipe answers as the newest, `status`. */
  readonly connect3?: { readonly status: number }
  /** Wait for this state of a connector before sending. */
  readonly settle?: { readonly connector: string; readonly state: 'running' | 'stopped' | 'failed' }
  /** The answer is an object keyed by data (connector or logger names): compare this entry only. */
  readonly entry?: string
  /** The compared value is itself a dictionary (a config map): only its value types count. */
  readonly isMap?: boolean
}

const src = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ 'connector.class': 'FileStreamSource', file: '{in}', topic: '{src}-topic', ...extra })
const sink = { 'connector.class': 'FileStreamSink', file: '{dir}/out.txt', topics: '{src}-topic' }
const running = { connector: '{src}', state: 'running' } as const
const stopped = { connector: '{src}', state: 'stopped' } as const
const failed = { connector: '{bad}', state: 'failed' } as const
const offsets = { offsets: [{ partition: { filename: '{in}' }, offset: { position: 2 } }] }

const meta: readonly Probe[] = [
  { title: 'server info', method: 'GET', path: '/', status: 200 },
  { title: 'health', method: 'GET', path: '/health', status: 200 },
  { title: 'unknown path', method: 'GET', path: '/no-such-resource', status: 404 },
  { title: 'method not allowed', method: 'DELETE', path: '/connectors', status: 405 },
  { title: 'connector plugins', method: 'GET', path: '/connector-plugins', status: 200 },
  { title: 'all plugins', method: 'GET', path: '/connector-plugins?connectorsOnly=false', status: 200 },
  { title: 'plugin config keys', method: 'GET', path: '/connector-plugins/FileStreamSink/config', status: 200 },
  { title: 'unknown plugin config keys', method: 'GET', path: '/connector-plugins/NoSuchConnector/config', status: 404 },
  { title: 'validate a valid config', method: 'PUT', path: '/connector-plugins/FileStreamSink/config/validate', body: { ...sink, name: 'v' }, status: 200 },
  { title: 'validate without topics', method: 'PUT', path: '/connector-plugins/FileStreamSink/config/validate', body: { 'connector.class': 'FileStreamSink', name: 'v' }, status: 200 },
  { title: 'validate a bad tasks.max', method: 'PUT', path: '/connector-plugins/FileStreamSink/config/validate', body: { ...sink, name: 'v', 'tasks.max': 'zz' }, status: 200 },
  { title: 'validate against another plugin', method: 'PUT', path: '/connector-plugins/FileStreamSinkConnector/config/validate', body: { 'connector.class': 'FileStreamSource' }, status: 400 },
  { title: 'validate an unknown class', method: 'PUT', path: '/connector-plugins/NoSuch/config/validate', body: { 'connector.class': 'NoSuch' }, status: 500 },
  { title: 'validate without connector.class', method: 'PUT', path: '/connector-plugins/FileStreamSink/config/validate', body: { topics: 't' }, status: 500 },
  { title: 'validate a source config', method: 'PUT', path: '/connector-plugins/FileStreamSource/config/validate', body: { 'connector.class': 'FileStreamSource', name: 'v' }, status: 200 },
  { title: 'source plugin config keys', method: 'GET', path: '/connector-plugins/FileStreamSource/config', status: 200 },
  { title: 'validate malformed JSON', method: 'PUT', path: '/connector-plugins/FileStreamSink/config/validate', body: '{bad', status: 500 },
]

const create: readonly Probe[] = [
  { title: 'create', method: 'POST', path: '/connectors', body: { name: '{src}', config: src() }, status: 201 },
  { title: 'create a duplicate', method: 'POST', path: '/connectors', body: { name: '{src}', config: src() }, status: 409 },
  { title: 'create STOPPED', method: 'POST', path: '/connectors', body: { name: '{stp}', config: src({ topic: '{stp}-topic' }), initial_state: 'STOPPED' }, status: 201 },
  { title: 'create PAUSED', method: 'POST', path: '/connectors', body: { name: '{psd}', config: src({ topic: '{psd}-topic' }), initial_state: 'paused' }, status: 201 },
  { title: 'create with an unknown initial_state', method: 'POST', path: '/connectors', body: { name: '{missing}', config: src(), initial_state: 'SLEEPING' }, status: 500 },
  { title: 'create a failing sink', method: 'POST', path: '/connectors', body: { name: '{bad}', config: { ...sink, file: '{dir}/no-such-dir/out.txt', topics: '{bad}-topic' } }, status: 201 },
  { title: 'create with malformed JSON', method: 'POST', path: '/connectors', body: '{bad', status: 500 },
  { title: 'create with an empty body', method: 'POST', path: '/connectors', body: '', status: 500 },
  { title: 'create with an array', method: 'POST', path: '/connectors', body: [], status: 500 },
  { title: 'create without config', method: 'POST', path: '/connectors', body: { name: '{missing}' }, status: 500 },
  { title: 'create without connector.class', method: 'POST', path: '/connectors', body: { name: '{missing}', config: {} }, status: 400 },
  { title: 'create with an unknown class', method: 'POST', path: '/connectors', body: { name: '{missing}', config: { 'connector.class': 'NoSuch' } }, status: 400, connect3: { status: 500 } },
  { title: 'create an invalid config', method: 'POST', path: '/connectors', body: { name: '{missing}', config: { 'connector.class': 'FileStreamSink' } }, status: 400 },
  { title: 'create with a null value', method: 'POST', path: '/connectors', body: { name: '{missing}', config: { ...sink, 'tasks.max': null } }, status: 400 },
  { title: 'create with an empty name', method: 'POST', path: '/connectors', body: { name: '', config: src() }, status: 400 },
  { title: 'create with a mismatched name', method: 'POST', path: '/connectors', body: { name: '{missing}', config: src({ name: 'other' }) }, status: 400 },
  { title: 'create as text/plain', method: 'POST', path: '/connectors', body: { name: '{missing}', config: src() }, contentType: 'text/plain', status: 415 },
]

const reads: readonly Probe[] = [
  { title: 'list', method: 'GET', path: '/connectors', status: 200 },
  { title: 'list with status', method: 'GET', path: '/connectors?expand=status', status: 200, entry: '{src}', settle: running },
  { title: 'list with info', method: 'GET', path: '/connectors?expand=info', status: 200, entry: '{src}' },
  { title: 'list with status and info', method: 'GET', path: '/connectors?expand=status&expand=info', status: 200, entry: '{src}' },
  { title: 'info', method: 'GET', path: '/connectors/{src}', status: 200 },
  { title: 'config', method: 'GET', path: '/connectors/{src}/config', status: 200 },
  { title: 'status', method: 'GET', path: '/connectors/{src}/status', status: 200 },
  { title: 'tasks', method: 'GET', path: '/connectors/{src}/tasks', status: 200 },
  { title: 'task status', method: 'GET', path: '/connectors/{src}/tasks/0/status', status: 200 },
  // deprecated in 3.7 (KIP-970), removed in Kafka Connect 4.0
  { title: 'task configs (removed tasks-config)', method: 'GET', path: '/connectors/{src}/tasks-config', status: 404, connect3: { status: 200 } },
  { title: 'unknown task status', method: 'GET', path: '/connectors/{src}/tasks/9/status', status: 404 },
  { title: 'non-numeric task id', method: 'GET', path: '/connectors/{src}/tasks/abc/status', status: 404 },
  { title: 'topics', method: 'GET', path: '/connectors/{src}/topics', status: 200, entry: '{src}' },
  { title: 'failed task status', method: 'GET', path: '/connectors/{bad}/tasks/0/status', status: 200, settle: failed },
  { title: 'status of a failed task', method: 'GET', path: '/connectors/{bad}/status', status: 200, settle: failed },
  { title: 'status of a STOPPED connector', method: 'GET', path: '/connectors/{stp}/status', status: 200 },
  { title: 'status of a PAUSED connector', method: 'GET', path: '/connectors/{psd}/status', status: 200 },
  { title: 'list with an unknown expand', method: 'GET', path: '/connectors?expand=nothing', status: 200, entry: '{src}' },
  { title: 'offsets of a sink', method: 'GET', path: '/connectors/{bad}/offsets', status: 200 },
  { title: 'alter sink offsets while running', method: 'PATCH', path: '/connectors/{bad}/offsets', body: { offsets: [{ partition: { kafka_topic: '{bad}-topic', kafka_partition: 0 }, offset: { kafka_offset: 1 } }] }, status: 400 },
]

const unknown: readonly Probe[] = (
  [
    ['GET', ''], ['GET', '/status'], ['GET', '/config'], ['GET', '/tasks'], ['GET', '/tasks/0/status'], ['PUT', '/pause'], ['PUT', '/resume'],
    ['PUT', '/stop'], ['POST', '/restart'], ['POST', '/tasks/0/restart'], ['DELETE', ''], ['GET', '/offsets'], ['DELETE', '/offsets'],
    ['GET', '/tasks-config'],
  ] as const
).map(([method, suffix]) => ({ title: `unknown connector: ${method} ${suffix || '/'}`, method, path: `/connectors/{missing}${suffix}`, status: 404 }))

const restarts: readonly Probe[] = [
  { title: 'restart the connector', method: 'POST', path: '/connectors/{src}/restart', status: 204, settle: running },
  { title: 'restart with tasks', method: 'POST', path: '/connectors/{src}/restart?includeTasks=true', status: 202, settle: running },
  { title: 'restart only failed', method: 'POST', path: '/connectors/{src}/restart?onlyFailed=true', status: 202, settle: running },
  { title: 'restart failed tasks of a healthy connector', method: 'POST', path: '/connectors/{src}/restart?includeTasks=true&onlyFailed=true', status: 202, settle: running },
  { title: 'restart a task', method: 'POST', path: '/connectors/{src}/tasks/0/restart', status: 204, settle: running },
  { title: 'restart an unknown task', method: 'POST', path: '/connectors/{src}/tasks/9/restart', status: 404 },
  { title: 'restart failed tasks', method: 'POST', path: '/connectors/{bad}/restart?includeTasks=true&onlyFailed=true', status: 202, settle: failed },
  { title: 'restart only a failed connector', method: 'POST', path: '/connectors/{bad}/restart?onlyFailed=true', status: 202, settle: failed },
  { title: 'restart a STOPPED connector with tasks', method: 'POST', path: '/connectors/{stp}/restart?includeTasks=true', status: 202 },
]

const states: readonly Probe[] = [
  { title: 'offsets while running', method: 'GET', path: '/connectors/{src}/offsets', status: 200, settle: running },
  { title: 'alter offsets while running', method: 'PATCH', path: '/connectors/{src}/offsets', body: offsets, status: 400 },
  { title: 'reset offsets while running', method: 'DELETE', path: '/connectors/{src}/offsets', status: 400 },
  { title: 'alter offsets without offsets', method: 'PATCH', path: '/connectors/{src}/offsets', body: {}, status: 400 },
  { title: 'pause', method: 'PUT', path: '/connectors/{src}/pause', status: 202 },
  { title: 'resume', method: 'PUT', path: '/connectors/{src}/resume', status: 202 },
  { title: 'stop', method: 'PUT', path: '/connectors/{src}/stop', status: 204, settle: running },
  { title: 'status when STOPPED', method: 'GET', path: '/connectors/{src}/status', status: 200, settle: stopped },
  { title: 'tasks when STOPPED', method: 'GET', path: '/connectors/{src}/tasks', status: 200 },
  { title: 'alter offsets when STOPPED', method: 'PATCH', path: '/connectors/{src}/offsets', body: offsets, status: 200 },
  { title: 'alter offsets with malformed JSON', method: 'PATCH', path: '/connectors/{src}/offsets', body: '{bad', status: 500 },
  { title: 'offsets after altering', method: 'GET', path: '/connectors/{src}/offsets', status: 200 },
  { title: 'reset offsets when STOPPED', method: 'DELETE', path: '/connectors/{src}/offsets', status: 200 },
  { title: 'reset topics', method: 'PUT', path: '/connectors/{src}/topics/reset', status: 202 },
]

const configs: readonly Probe[] = [
  { title: 'put an existing config', method: 'PUT', path: '/connectors/{src}/config', body: src({ 'batch.size': '100' }), status: 200 },
  { title: 'put a new config', method: 'PUT', path: '/connectors/{put}/config', body: src({ topic: '{put}-topic' }), status: 201 },
  { title: 'put with a mismatched name', method: 'PUT', path: '/connectors/{src}/config', body: src({ name: 'other' }), status: 400 },
  { title: 'put malformed JSON', method: 'PUT', path: '/connectors/{src}/config', body: '{bad', status: 500 },
  { title: 'put a nested value', method: 'PUT', path: '/connectors/{src}/config', body: src({ 'tasks.max': { n: 1 } }), status: 500 },
  { title: 'put an invalid config', method: 'PUT', path: '/connectors/{src}/config', body: { 'connector.class': 'FileStreamSink' }, status: 400 },
  { title: 'patch a config', method: 'PATCH', path: '/connectors/{src}/config', body: { 'batch.size': null, topic: '{src}-topic2' }, status: 200 },
  { title: 'patch malformed JSON', method: 'PATCH', path: '/connectors/{src}/config', body: '{bad', status: 500 },
  { title: 'patch an unknown connector', method: 'PATCH', path: '/connectors/{missing}/config', body: { topic: 't' }, status: 404 },
]

const loggers: readonly Probe[] = [
  { title: 'loggers', method: 'GET', path: '/admin/loggers', status: 200, entry: 'root' },
  { title: 'root logger', method: 'GET', path: '/admin/loggers/root', status: 200 },
  { title: 'set a logger level', method: 'PUT', path: '/admin/loggers/{logger}', body: { level: 'DEBUG' }, status: 200 },
  { title: 'read the logger', method: 'GET', path: '/admin/loggers/{logger}', status: 200 },
  { title: 'set a logger level for the cluster', method: 'PUT', path: '/admin/loggers/{logger}.cluster?scope=cluster', body: { level: 'DEBUG' }, status: 204 },
  { title: 'invalid log level for the cluster', method: 'PUT', path: '/admin/loggers/{logger}?scope=cluster', body: { level: 'LOUD' }, status: 404 },
  { title: 'unknown logger', method: 'GET', path: '/admin/loggers/{logger}.none', status: 404 },
  { title: 'invalid log level', method: 'PUT', path: '/admin/loggers/{logger}', body: { level: 'LOUD' }, status: 404 },
  { title: 'no log level', method: 'PUT', path: '/admin/loggers/{logger}', body: {}, status: 400 },
]

const cleanup: readonly Probe[] = ['{src}', '{stp}', '{bad}', '{put}', '{psd}'].map((name) => ({ title: `delete ${name}`, method: 'DELETE', path: `/connectors/${name}`, status: 204 }))

/** Every probe, in the order they are sent. */
export const PROBES: readonly Probe[] = [...meta, ...create, ...reads, ...unknown, ...restarts, ...states, ...configs, ...loggers, ...cleanup]
