import { diagnostic, type Diagnostic } from '../../diagnostics.js'
import type { TransformNode } from '../../ir/nodes.js'
import type { CompileTarget } from '../artifact.js'
import { PIPE_TRANSFORM_CLASSES } from '../../contract/class-names.js'
import { predicateConfig, smtConfig } from './transforms.js'

/** Where a chain runs and how to report on it. */
export interface ChainContext {
  readonly target: CompileTarget
  readonly side: 'source' | 'sink'
  readonly pipeline: string
  readonly connector: string
}

/** The compiled keys of a transform chain and what went wrong. */
export interface ChainConfig {
  readonly config: Readonly<Record<string, string>>
  readonly diagnostics: readonly Diagnostic[]
}

/** Kafka Connect splits `transforms`/`predicates` on commas and uses the alias in key names: keep it plain. */
const ALIAS = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/

const OPS = { map: '.map()', filter: '.filter()', 'flat-map': '.flatMap()' } as const

function codeStepDiagnostic(node: TransformNode, op: keyof typeof OPS, context: ChainContext): Diagnostic {
  const where = node.loc === undefined ? '' : ` at ${node.loc.file}:${node.loc.line}:${node.loc.column}`
  return diagnostic({
    code: 'PIPE_NOT_PORTABLE_STEP',
    message: `TypeScript step ${OPS[op]}${where} runs only on the pipe runtime, not on Kafka Connect`,
    hint: 'replace it with portable steps (insertField, replaceField, cast, dropIf, ...), or compile with --target pipe / run it with pipe run',
    location: node.loc, pipeline: context.pipeline, connector: context.connector,
  })
}

function stepConfig(node: TransformNode, alias: string, context: ChainContext): { config: Record<string, string>; diagnostics: Diagnostic[] } {
  const { step } = node
  if (step.type === 'code') {
    if (context.target === 'kafka-connect') return { config: {}, diagnostics: [codeStepDiagnostic(node, step.op, context)] }
    return { config: { [`transforms.${alias}.type`]: PIPE_TRANSFORM_CLASSES[step.op], [`transforms.${alias}.ref`]: step.ref }, diagnostics: [] }
  }
  const diagnostics: Diagnostic[] = []
  if (step.type === 'insert-field' && step.offsetField !== undefined && context.side === 'source') {
    diagnostics.push(diagnostic({
      code: 'PIPE_INVALID_TRANSFORM', message: "insertField({ offset }) is only available on the sink side (after .to())",
      hint: 'move this insertField after .to(topic(...))', location: node.loc, pipeline: context.pipeline, connector: context.connector,
    }))
  }
  return { config: smtConfig(alias, step), diagnostics }
}

/**
 * Compiles a connector's transform chain: `transforms`, `transforms.<alias>.*`, `predicates`,
 * `predicates.<alias>.*`, `.predicate` and `.negate`. Aliases are `<step type>-<position>`, so they
 * are stable while the chain is; a predicate's alias is `<transform alias>-if`.
 *
 * @example
 * ```ts
 * transformChainConfig(transformNodes, { target: 'kafka-connect', side: 'sink', pipeline: 'p', connector: 'p-sink' })
 * ```
 */
export function transformChainConfig(nodes: readonly TransformNode[], context: ChainContext, extra: readonly [string, Record<string, string>][] = []): ChainConfig {
  const config: Record<string, string> = {}
  const diagnostics: Diagnostic[] = []
  const aliases: string[] = []
  const predicates: string[] = []
  const generated = nodes.map((node, index) => `${node.step.type === 'code' ? node.step.op : node.step.type}-${index}`)
  const taken = new Set<string>()
  // predicate aliases given with .as(): their keys, so that a second step may share one with an equal predicate
  const sharedPredicates = new Map<string, string>()
  const aliasOf = (given: string | undefined, fallback: string, node: TransformNode, what: string, sameAs?: string): string => {
    if (given === undefined) return fallback
    const shared = sharedPredicates.get(given)
    if (sameAs !== undefined && shared !== undefined) {
      if (shared !== sameAs) {
        diagnostics.push(diagnostic({
          code: 'PIPE_INVALID_TRANSFORM', message: `predicate alias '${given}' is already used in this connector by another predicate (steps share a predicate alias only when their predicates are equal)`,
          hint: "give .as() another predicate alias, e.g. .as('drop', { predicate: 'isTomb2' })", location: node.loc, pipeline: context.pipeline, connector: context.connector,
        }))
      }
      return given
    }
    const problem = !ALIAS.test(given) ? 'may hold only letters, digits, _ . and -'
      : taken.has(given) ? 'is already used in this connector'
        : given !== fallback && generated.some((g) => given === g || given === `${g}-if`) ? 'collides with an alias pipe generates (<step>-<position>)' : undefined
    if (problem !== undefined) {
      diagnostics.push(diagnostic({
        code: 'PIPE_INVALID_TRANSFORM', message: `${what} alias '${given}' ${problem}`,
        hint: "give .as() another name, e.g. .as('mask')", location: node.loc, pipeline: context.pipeline, connector: context.connector,
      }))
    }
    taken.add(given)
    if (sameAs !== undefined) sharedPredicates.set(given, sameAs)
    return given
  }
  nodes.forEach((node, index) => {
    const alias = aliasOf(node.alias, generated[index] ?? '', node, 'transform')
    const compiled = stepConfig(node, alias, context)
    diagnostics.push(...compiled.diagnostics)
    if (Object.keys(compiled.config).length === 0) return
    aliases.push(alias)
    Object.assign(config, compiled.config)
    if (node.predicate === undefined) return
    const keys = JSON.stringify(predicateConfig('', node.predicate.test))
    const predicateAlias = aliasOf(node.predicateAlias, `${alias}-if`, node, 'predicate', keys)
    if (!predicates.includes(predicateAlias)) {
      predicates.push(predicateAlias)
      Object.assign(config, predicateConfig(predicateAlias, node.predicate.test))
    }
    config[`transforms.${alias}.predicate`] = predicateAlias
    if (node.predicate.negate) config[`transforms.${alias}.negate`] = 'true'
  })
  for (const [alias, keys] of extra) {
    aliases.push(alias)
    Object.assign(config, keys)
  }
  if (aliases.length > 0) config['transforms'] = aliases.join(',')
  if (predicates.length > 0) config['predicates'] = predicates.join(',')
  return { config, diagnostics }
}
