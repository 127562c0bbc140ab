import { connectorDefinitionOf, isConnectorRef } from '../connectors/define-connector.js'
import { isTransformRef } from '../connectors/define-transform.js'
import { topicToTopicDefinition } from '../connectors/topic-to-topic/topic-to-topic.js'
import { PipeError } from '../errors.js'
import type { ConnectorSettings, TopicOptions } from '../ir/nodes.js'
import type { PluginStepIR, PortableStepIR } from '../ir/steps.js'
import { captureLocation } from '../ir/capture-location.js'
import { PIPELINE, type Chain, type ChainNode, type CodeStep, type PipelineState, type StepFunction } from './chain.js'
import { makePipeline, type Pipeline } from './pipeline.js'
import type { Predicate } from './predicate.js'
import type { InsertFieldOptions } from './step-types.js'
import type { Side } from './stream.js'

interface StreamState {
  readonly chain: Chain
  readonly side: Side
}

type Defined<T> = { -readonly [K in keyof T]: Exclude<T[K], undefined> }

/** Drops `undefined` values so IR objects stay JSON-clean under exactOptionalPropertyTypes. */
function compact<T extends object>(value: T): Defined<T> {
  // only removes undefined-valued keys, which the optional properties allow
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>
}

/**
 * The one implementation behind `Stream`, `Topic` and `TopicStream` (typed at the factories).
 * Immutable: frozen state, every method returns a new instance.
 */
export class StreamImpl {
  readonly #state: StreamState

  constructor(state: StreamState) {
    this.#state = Object.freeze({ chain: Object.freeze([...state.chain]), side: state.side })
  }

  get [PIPELINE](): PipelineState | undefined {
    const { chain, side } = this.#state
    const hasConnector = chain.some((n) => n.kind === 'source' || n.kind === 'sink')
    // only right after .to(): steps after it belong to a sink that is not there yet
    return side === 'topic' && hasConnector && chain.at(-1)?.kind === 'topic' ? Object.freeze({ branches: [chain], name: undefined }) : undefined
  }

  get topicName(): string | undefined {
    const root = this.#state.chain[0]
    return root?.kind === 'topic' ? root.topic : undefined
  }

  get topicOptions(): TopicOptions | undefined {
    const root = this.#state.chain[0]
    return root?.kind === 'topic' ? root.options : undefined
  }

  #append(...nodes: ChainNode[]): StreamImpl {
    return new StreamImpl({ chain: [...this.#state.chain, ...nodes], side: this.#state.side })
  }

  #step(step: PortableStepIR | PluginStepIR | CodeStep, predicate?: Predicate): StreamImpl {
    const node: ChainNode = { kind: 'transform', step: Object.freeze(step), predicate, loc: captureLocation() }
    return this.#append(Object.freeze(node))
  }

  as(alias: string, options: { readonly predicate?: string } = {}): StreamImpl {
    const last = this.#state.chain.at(-1)
    if (last?.kind !== 'transform') {
      throw new PipeError({ code: 'PIPE_INVALID_IR', message: '.as() names the step just before it, and there is none', hint: "put .as('alias') right after a step, e.g. .maskField(['ssn']).as('mask')", location: captureLocation() })
    }
    const named: ChainNode = { ...last, alias, ...(options.predicate === undefined ? {} : { predicateAlias: options.predicate }) }
    return new StreamImpl({ chain: [...this.#state.chain.slice(0, -1), Object.freeze(named)], side: this.#state.side })
  }

  insertField(o: InsertFieldOptions): StreamImpl {
    return this.#step(compact({
      type: 'insert-field', topicField: o.topic, partitionField: o.partition, offsetField: o.offset,
      timestampField: o.timestamp, staticField: o.static?.field, staticValue: o.static?.value,
    }))
  }

  replaceField(o: { include?: readonly string[]; exclude?: readonly string[]; renames?: Readonly<Record<string, string | undefined>> }): StreamImpl {
    const renames = o.renames === undefined ? undefined : Object.entries(o.renames).flatMap(([from, to]) => (to === undefined ? [] : [[from, to] as const]))
    return this.#step(compact({ type: 'replace-field', include: o.include, exclude: o.exclude, renames }))
  }

  maskField(fields: readonly string[], replacement?: string): StreamImpl {
    return this.#step(compact({ type: 'mask-field', fields, replacement }))
  }

  cast(spec: Readonly<Record<string, string | undefined>>): StreamImpl {
    const text = Object.entries(spec).flatMap(([f, t]) => (t === undefined ? [] : [`${f}:${t}`])).join(',')
    return this.#step({ type: 'cast', spec: text })
  }

  castValue(type: string): StreamImpl {
    return this.#step({ type: 'cast', spec: type })
  }

  convertTimestamp(o: { field: string; targetType: 'string' | 'unix' | 'Date' | 'Time' | 'Timestamp'; format?: string; unixPrecision?: 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds' }): StreamImpl {
    return this.#step(compact({ type: 'timestamp-converter', field: o.field, targetType: o.targetType, format: o.format, unixPrecision: o.unixPrecision }))
  }

  routeByRegex(regex: string, replacement: string): StreamImpl {
    return this.#step({ type: 'regex-router', regex, replacement })
  }

  routeByTimestamp(o: { topicFormat?: string; timestampFormat?: string } = {}): StreamImpl {
    return this.#step(compact({ type: 'timestamp-router', topicFormat: o.topicFormat, timestampFormat: o.timestampFormat }))
  }

  valueToKey(fields: readonly string[]): StreamImpl {
    return this.#step({ type: 'value-to-key', fields })
  }

  extractField(field: string): StreamImpl {
    return this.#step({ type: 'extract-field', field })
  }

  hoistField(field: string): StreamImpl {
    return this.#step({ type: 'hoist-field', field })
  }

  flatten(o: { delimiter?: string } = {}): StreamImpl {
    return this.#step(compact({ type: 'flatten', delimiter: o.delimiter }))
  }

  headerFrom(o: { fields: readonly string[]; headers: readonly string[]; operation: 'move' | 'copy' }): StreamImpl {
    return this.#step({ type: 'header-from', fields: o.fields, headers: o.headers, operation: o.operation })
  }

  insertHeader(header: string, value: string): StreamImpl {
    return this.#step({ type: 'insert-header', header, value })
  }

  dropHeaders(headers: readonly string[]): StreamImpl {
    return this.#step({ type: 'drop-headers', headers })
  }

  dropIf(predicate: Predicate): StreamImpl {
    return this.#step({ type: 'filter' }, predicate)
  }

  keepIf(predicate: Predicate): StreamImpl {
    return this.#step({ type: 'filter' }, { test: predicate.test, negate: !predicate.negate })
  }

  when(predicate: Predicate, steps: (s: StreamImpl) => StreamImpl): StreamImpl {
    const sub = steps(new StreamImpl({ chain: [], side: this.#state.side }))
    const nodes = (#state in sub ? sub.#state.chain : []).map((node) => {
      if (node.kind !== 'transform' || node.step.type === 'code' || node.predicate !== undefined) {
        throw new PipeError({
          code: 'PIPE_INVALID_TRANSFORM',
          message: '.when() accepts only portable steps without their own condition',
          hint: 'move .map/.filter/.flatMap, .dropIf/.keepIf and nested .when out of the .when() callback',
          location: node.loc,
        })
      }
      return Object.freeze({ ...node, predicate })
    })
    return this.#append(...nodes)
  }

  transform(step: unknown): StreamImpl {
    if (!isTransformRef(step)) {
      throw new PipeError({
        code: 'PIPE_INVALID_TRANSFORM',
        message: '.transform() expects a plugin step',
        hint: "e.g. .transform(kafkaConnectTransform('com.acme.Upper', {})) or a pulled module's factory",
        location: captureLocation(),
      })
    }
    // the step object keeps its definition (non-enumerable) for lowering
    return this.#step(step.step)
  }

  map(fn: StepFunction): StreamImpl {
    return this.#step({ type: 'code', op: 'map', fn })
  }

  filter(fn: StepFunction): StreamImpl {
    return this.#step({ type: 'code', op: 'filter', fn })
  }

  flatMap(fn: StepFunction): StreamImpl {
    return this.#step({ type: 'code', op: 'flat-map', fn })
  }

  to(topic: StreamImpl): StreamImpl {
    const topicNode = topic.#state.chain[0]
    if (topicNode?.kind !== 'topic' || topic.#state.chain.length !== 1) {
      throw new PipeError({ code: 'PIPE_INVALID_IR', message: '.to() expects a topic(...)', hint: "pass topic('name')", location: captureLocation() })
    }
    const bridge: ChainNode[] = this.#state.side === 'topic'
      ? [Object.freeze({ kind: 'sink', connector: 'topic-to-topic', definition: topicToTopicDefinition, options: Object.freeze({}), settings: Object.freeze({}), loc: captureLocation() })]
      : []
    return new StreamImpl({ chain: [...this.#state.chain, ...bridge, topicNode], side: 'topic' })
  }

  sink(connector: unknown, settings: ConnectorSettings = {}): Pipeline {
    if (this.#state.side !== 'topic' || !isConnectorRef(connector, 'sink')) {
      throw new PipeError({
        code: 'PIPE_INVALID_IR',
        message: this.#state.side === 'topic' ? '.sink() expects a sink connector' : '.sink() must follow .to(topic(...))',
        hint: "e.g. .to(topic('t')).sink(fileSink({ file: 'out.txt' }))",
        location: captureLocation(),
      })
    }
    const node: ChainNode = Object.freeze({
      kind: 'sink', connector: connector.connector, definition: connectorDefinitionOf(connector, 'sink'), options: connector.options,
      settings: Object.freeze({ ...settings }), loc: connector.loc ?? captureLocation(),
    })
    return makePipeline([[...this.#state.chain, node]])
  }

  named(name: string): Pipeline {
    return makePipeline(this[PIPELINE]?.branches ?? [], name)
  }

  target(target: 'kafka-connect' | 'pipe'): Pipeline {
    return makePipeline(this[PIPELINE]?.branches ?? [], undefined, target)
  }
}
