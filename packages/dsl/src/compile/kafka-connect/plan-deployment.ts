import type { ConnectorDefinition } from '../../connectors/define-connector.js'
import { isSecretPlaceholder } from '../../ir/secret.js'
import type { ConnectorDocument } from '../../contract/connector-document.js'
import { PIPE_PIPELINE_KEY } from './to-connector-config.js'

/**
 * One connector as a live Kafka Connect cluster reports it (`GET /connectors?expand=info&expand=status`).
 *
 * @example
 * ```ts
 * const live: LiveConnector = { name: 'lines-source', config: { 'connector.class': 'FileStreamSource' }, state: 'RUNNING' }
 * ```
 */
export interface LiveConnector {
  readonly name: string
  /** The raw config (config-provider placeholders unresolved). */
  readonly config: Readonly<Record<string, string>>
  /** The connector's observed state (RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED...). */
  readonly state?: string
}

/**
 * What a deployment does to one connector. `orphan`: pipe deployed it and no pipeline declares it any
 * more (deleted only with `prune`); `unmanaged`: not deployed by pipe, always left alone.
 *
 * @example
 * ```ts
 * plan.actions.filter((a) => a.type === 'update')
 * ```
 */
export type PlanActionType = 'create' | 'update' | 'delete' | 'unchanged' | 'orphan' | 'unmanaged'

/**
 * One changed key; `from` is absent for an added key, `to` for a removed one. Secret values are masked.
 *
 * @example
 * ```ts
 * const c: ConfigChange = { key: 'file', from: 'a.txt', to: 'b.txt' }
 * ```
 */
export interface ConfigChange {
  readonly key: string
  readonly from?: string
  readonly to?: string
}

/**
 * One step of a deployment plan.
 *
 * @example
 * ```ts
 * const a: PlanAction = { type: 'unchanged', name: 'lines-source', changes: [], restartsTasks: false, resetsOffsets: false, notes: [] }
 * ```
 */
export interface PlanAction {
  readonly type: PlanActionType
  readonly name: string
  /** The pipeline that owns the connector (its `pipe.pipeline` key), when pipe owns it. */
  readonly pipeline?: string
  readonly connectorClass?: string
  /** The live connector's observed state. */
  readonly state?: string
  readonly changes: readonly ConfigChange[]
  /** Kafka Connect restarts the connector and its tasks (every config update does). */
  readonly restartsTasks: boolean
  /** The connector starts from another position than its current offsets (or loses them). */
  readonly resetsOffsets: boolean
  /** Why, in words: which keys move the offsets, renames. */
  readonly notes: readonly string[]
  readonly renamedFrom?: string
  readonly renamedTo?: string
}

/**
 * A deployment plan: one action per declared connector, then the live ones no pipeline declares.
 *
 * @example
 * ```ts
 * if (plan.hasChanges) console.log(plan.summary)
 * ```
 */
export interface DeploymentPlan {
  readonly actions: readonly PlanAction[]
  readonly summary: Readonly<Record<PlanActionType, number>>
  /** Whether applying the plan changes anything (a create, update or delete). */
  readonly hasChanges: boolean
}

/**
 * Options of {@link planDeployment}.
 *
 * @example
 * ```ts
 * planDeployment(desired, live, { prune: true, secretKeys: (cls) => ['database.password'] })
 * ```
 */
export interface PlanOptions {
  /** Delete connectors pipe owns that no pipeline declares. @default false */
  readonly prune?: boolean
  /** With `prune`: only owned connectors whose pipeline name matches this glob (`*` = any run of characters). */
  readonly pruneScope?: string
  /** Password-typed keys of a connector class beyond pipe's own definitions (e.g. PASSWORD keys the worker reports). */
  readonly secretKeys?: (connectorClass: string) => readonly string[]
  /** The definitions of the desired connectors (their password-typed fields' keys are masked). */
  readonly definitions?: Iterable<ConnectorDefinition>
}

/** The value shown for a literal password. */
export const HIDDEN = '[hidden]'

const SECRET_NAME = /(password|passwd|secret|token|credentials?|api[._-]?key|private[._-]?key|jaas\.config)$/i

const definitionSecretKeys = (definitions: readonly ConnectorDefinition[], connectorClass: string): string[] =>
  definitions.flatMap((d) => ('class' in d.kafkaConnect && d.kafkaConnect.class === connectorClass
    ? Object.values(d.fields).flatMap((f) => (f.kind === 'secret' && f.key !== undefined ? [f.key] : []))
    : []))

/**
 * The value of `key` as pipe may show it: a config-provider placeholder as written (never resolved),
 * a literal value of a password-typed key as `[hidden]`, anything else as is.
 *
 * @example
 * ```ts
 * maskValue('database.password', 'hunter2', new Set(['database.password'])) // '[hidden]'
 * maskValue('database.password', '${env:PG_PASSWORD}', new Set(['database.password'])) // '${env:PG_PASSWORD}'
 * ```
 */
export function maskValue(key: string, value: string, secretKeys: ReadonlySet<string>): string {
  if (isSecretPlaceholder(value)) return value
  return secretKeys.has(key) || SECRET_NAME.test(key) ? HIDDEN : value
}

/** Keys whose change makes a connector read from another position (a new offsets partition or group). */
const OFFSET_KEYS: Readonly<Record<string, string>> = {
  'offsets.storage.topic': 'offsets move to another topic',
  'consumer.override.group.id': 'a new consumer group has no committed offsets',
  topics: 'added topics are read from the reset position',
  'topics.regex': 'newly matched topics are read from the reset position',
  'topic.prefix': 'Debezium keeps offsets per topic prefix: it snapshots again',
  'database.server.name': 'Debezium keeps offsets per server name: it snapshots again',
  'slot.name': 'a new replication slot starts from the current WAL position',
  'connector.class': 'another connector class does not understand the current offsets',
}

/** Why a changed key moves the offsets of a connector of `connectorClass`, if it does. */
function offsetNote(key: string, connectorClass: string): string | undefined {
  if (key === 'file' && /FileStreamSource(Connector)?$/.test(connectorClass)) return 'the file source keeps offsets per file name: a new file is read from its start'
  return OFFSET_KEYS[key]
}

/** Kafka Connect's defaults of keys pipe always writes: written or left out, the connector is the same. */
const CONNECT_DEFAULTS: Readonly<Record<string, string>> = { 'tasks.max': '1', 'errors.tolerance': 'none' }

/** The changed keys; `update`: between two configs of one connector, where a key left out is one with its Kafka Connect default. */
function diffConfigs(from: Readonly<Record<string, string>>, to: Readonly<Record<string, string>>, secrets: ReadonlySet<string>, update = false): ConfigChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()
  return keys.flatMap((key): ConfigChange[] => {
    const a = from[key]
    const b = to[key]
    if (a === b || (update && (a ?? CONNECT_DEFAULTS[key]) === (b ?? CONNECT_DEFAULTS[key]))) return []
    return [{
      key,
      ...(a === undefined ? {} : { from: maskValue(key, a, secrets) }),
      ...(b === undefined ? {} : { to: maskValue(key, b, secrets) }),
    }]
  })
}

interface Context {
  readonly secretsOf: (config: Readonly<Record<string, string>>) => ReadonlySet<string>
}

const base = (config: Readonly<Record<string, string>>): Pick<PlanAction, 'pipeline' | 'connectorClass'> => ({
  ...(config[PIPE_PIPELINE_KEY] === undefined ? {} : { pipeline: config[PIPE_PIPELINE_KEY] }),
  ...(config['connector.class'] === undefined ? {} : { connectorClass: config['connector.class'] }),
})

function planDeclared(desired: ConnectorDocument, live: LiveConnector | undefined, context: Context): PlanAction {
  const config: Readonly<Record<string, string>> = { ...desired.config, name: desired.name }
  const secrets = context.secretsOf(config)
  const initial = desired.initial_state
  if (live === undefined) {
    const notes = initial === undefined || initial === 'RUNNING' ? [] : [`created ${initial} (its initial state)`]
    return { type: 'create', name: desired.name, ...base(config), changes: diffConfigs({}, config, secrets), restartsTasks: false, resetsOffsets: false, notes }
  }
  const allChanges = diffConfigs(live.config, config, new Set([...secrets, ...context.secretsOf(live.config)]), true)
  const unowned = live.config[PIPE_PIPELINE_KEY] === undefined
  // a connector pipe did not deploy, declared as it is (an imported one): nothing to do; its next change adds the marker
  const changes = unowned && allChanges.every((c) => c.key === PIPE_PIPELINE_KEY) ? [] : allChanges
  const state = live.state === undefined ? {} : { state: live.state }
  const offsetNotes = changes.flatMap((c) => { const why = offsetNote(c.key, config['connector.class'] ?? ''); return why === undefined ? [] : [`${c.key}: ${why}`] })
  const takeOver = !unowned ? [] : changes.length > 0 ? ['not deployed by pipe until now: pipe takes it over']
    : [`not deployed by pipe: pipeline '${config[PIPE_PIPELINE_KEY] ?? ''}' declares it as it is; its next change marks it as pipe's (${PIPE_PIPELINE_KEY})`]
  const type = changes.length === 0 ? 'unchanged' : 'update'
  const stateNote = initial !== undefined && live.state !== undefined && live.state !== initial
    ? [`declared initial state ${initial}, it is ${live.state}: deploy sets the state only when it creates a connector (pipe pause/resume/stop changes it)`]
    : []
  return { type, name: desired.name, ...base(config), ...state, changes, restartsTasks: type === 'update', resetsOffsets: offsetNotes.length > 0, notes: [...offsetNotes, ...takeOver, ...stateNote] }
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)

function planUndeclared(live: LiveConnector, options: PlanOptions, context: Context): PlanAction {
  const pipeline = live.config[PIPE_PIPELINE_KEY]
  const state = live.state === undefined ? {} : { state: live.state }
  const common = { name: live.name, ...base(live.config), ...state, restartsTasks: false, resetsOffsets: false }
  if (pipeline === undefined) return { type: 'unmanaged', ...common, changes: [], notes: ['not deployed by pipe: left alone'] }
  const inScope = options.pruneScope === undefined || globToRegExp(options.pruneScope).test(pipeline)
  if (options.prune !== true || !inScope) {
    const why = options.prune === true ? `outside the prune scope '${options.pruneScope ?? ''}'` : 'pass --prune to delete it'
    return { type: 'orphan', ...common, changes: [], notes: [`no pipeline declares it any more: ${why}`] }
  }
  const changes = diffConfigs(live.config, {}, context.secretsOf(live.config))
  return { type: 'delete', ...common, changes, notes: [`its offsets stay on the worker and are reused if a connector named '${live.name}' is created again`] }
}

/** A delete and a create of the same pipeline and class: a rename, which starts without the old offsets. */
function markRenames(actions: PlanAction[]): PlanAction[] {
  const pairs = new Map<string, string>()
  for (const gone of actions.filter((a) => a.type === 'delete' || a.type === 'orphan')) {
    const created = actions.find((a) => a.type === 'create' && !pairs.has(a.name) && a.pipeline === gone.pipeline && a.connectorClass === gone.connectorClass)
    if (created !== undefined) pairs.set(created.name, gone.name)
  }
  const renamedTo = new Map([...pairs].map(([to, from]) => [from, to]))
  return actions.map((action) => {
    const from = action.type === 'create' ? pairs.get(action.name) : undefined
    if (from !== undefined) {
      return { ...action, renamedFrom: from, resetsOffsets: true, notes: [...action.notes, `renamed from '${from}': a new connector, it starts without '${from}''s offsets`] }
    }
    const to = renamedTo.get(action.name)
    return to === undefined ? action : { ...action, renamedTo: to, resetsOffsets: action.type === 'delete', notes: [...action.notes, `renamed to '${to}'`] }
  })
}

const ORDER: readonly PlanActionType[] = ['create', 'update', 'delete', 'unchanged', 'orphan', 'unmanaged']

/**
 * The pure diff of what pipelines declare (compiled connectors) against what a Kafka Connect cluster
 * runs: create, update (which keys change, whether tasks restart and offsets move), unchanged; live
 * connectors no pipeline declares are `delete` (pipe owns them and `prune` is set), `orphan` (pipe
 * owns them, no `prune`) or `unmanaged`. Every value shown is masked: placeholders stay
 * placeholders, literal passwords become `[hidden]`.
 *
 * @example
 * ```ts
 * const plan = planDeployment(compilePipeline(ir, { definitions }).connectors, live, { prune: true, definitions: definitions.connectors.values() })
 * plan.actions.map((a) => `${a.type} ${a.name}`) // ['create lines-source', 'unchanged lines-sink']
 * ```
 */
export function planDeployment(desired: readonly ConnectorDocument[], live: readonly LiveConnector[], options: PlanOptions = {}): DeploymentPlan {
  const definitions = [...(options.definitions ?? [])]
  const secretsOf = (config: Readonly<Record<string, string>>): ReadonlySet<string> => {
    const connectorClass = config['connector.class'] ?? ''
    return new Set([...definitionSecretKeys(definitions, connectorClass), ...(options.secretKeys?.(connectorClass) ?? [])])
  }
  const context: Context = { secretsOf }
  const liveByName = new Map(live.map((c) => [c.name, c]))
  const declared = new Set(desired.map((c) => c.name))
  const actions = markRenames([
    ...desired.map((c) => planDeclared(c, liveByName.get(c.name), context)),
    ...live.filter((c) => !declared.has(c.name)).map((c) => planUndeclared(c, options, context)),
  ])
  const sorted = actions.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const summary = Object.fromEntries(ORDER.map((type) => [type, sorted.filter((a) => a.type === type).length])) as Record<PlanActionType, number> // every type is a key
  return { actions: sorted, summary, hasChanges: summary.create + summary.update + summary.delete > 0 }
}
