import { PipeError } from '../errors.js'
import { captureLocation } from '../ir/capture-location.js'
import { PIPELINE, type Chain, type PipelineState } from './chain.js'

/**
 * A deployable pipeline: what a pipeline file exports by default (alone or in an array).
 *
 * @example
 * ```ts
 * export default source(file({ file: 'in.txt' })).to(topic('lines')).sink(fileSink({ file: 'out.txt' }))
 * ```
 */
export interface Pipeline {
  readonly [PIPELINE]: PipelineState
  /**
   * Sets the pipeline's name (default: the file name); connector names derive from it.
   *
   * @example
   * ```ts
   * source(file({ file: 'in.txt' })).to(topic('lines')).named('lines')
   * ```
   */
  named(name: string): Pipeline
  /**
   * Declares the engine the pipeline is meant for. `'kafka-connect'` makes `validatePipeline`
   * (and so `pipe check`) report TypeScript steps and pipe-only connectors as errors; `'pipe'`
   * makes `compilePipeline` default to the pipe target.
   *
   * @example
   * ```ts
   * source(file({ file: 'in.txt' })).to(topic('lines')).sink(fileSink({ file: 'o' })).target('kafka-connect')
   * ```
   */
  target(target: 'kafka-connect' | 'pipe'): Pipeline
}

/**
 * What a pipeline file may export by default.
 *
 * @example
 * ```ts
 * export default [pipelineA, pipelineB] satisfies PipelineExport
 * ```
 */
export type PipelineExport = Pipeline | readonly Pipeline[]

class PipelineImpl implements Pipeline {
  readonly #state: PipelineState

  constructor(state: PipelineState) {
    this.#state = Object.freeze(state)
  }

  get [PIPELINE](): PipelineState {
    return this.#state
  }

  named(name: string): Pipeline {
    return new PipelineImpl({ ...this.#state, name })
  }

  target(target: 'kafka-connect' | 'pipe'): Pipeline {
    return new PipelineImpl({ ...this.#state, target })
  }
}

/** Makes a pipeline from branches (used by the stream builders). */
export function makePipeline(branches: readonly Chain[], name?: string, target?: 'kafka-connect' | 'pipe'): Pipeline {
  return new PipelineImpl({ branches: Object.freeze([...branches]), name, target })
}

/**
 * Whether a value is a pipeline (a symbol brand: works across copies of `@pipe/dsl`).
 *
 * @example
 * ```ts
 * isPipeline(mod.default) // true for `export default source(...).to(topic('t'))`
 * ```
 */
export function isPipeline(value: unknown): value is Pipeline {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const state = (value as Partial<Record<typeof PIPELINE, unknown>>)[PIPELINE]
  return typeof state === 'object' && state !== null && Array.isArray((state as { branches?: unknown }).branches)
}

/** The state of a pipeline. */
export function pipelineState(p: Pipeline): PipelineState {
  return p[PIPELINE]
}

/**
 * Joins branches that share upstream nodes into one pipeline: a fork of one topic into two sinks.
 *
 * @example
 * ```ts
 * const orders = source(datagen({ preset: 'orders' })).to(topic('orders'))
 * export default pipeline([orders.sink(console()), orders.maskField(['customer']).sink(fileSink({ file: 'o.txt' }))],
 *   { name: 'orders' })
 * ```
 */
export function pipeline(
  parts: readonly Pipeline[],
  options: { readonly name?: string; readonly target?: 'kafka-connect' | 'pipe' } = {},
): Pipeline {
  if (parts.length === 0 || !parts.every(isPipeline)) {
    throw new PipeError({
      code: 'PIPE_INVALID_IR',
      message: 'pipeline() expects a non-empty array of pipelines',
      hint: 'pass the results of .sink(...) or .to(topic(...)), e.g. pipeline([a.sink(x), a.sink(y)])',
      location: captureLocation(),
    })
  }
  const branches = parts.flatMap((p) => p[PIPELINE].branches)
  return makePipeline(branches, options.name, options.target)
}
